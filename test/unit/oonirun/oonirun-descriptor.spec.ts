import { ApiError } from '../../../src/common/errors/api-error';
import {
  boolQuery,
  parseIsoTime,
  parseLinkId,
  parseRevision,
  revisionIndex,
} from '../../../src/modules/oonirun/link-params';
import {
  descriptorOfRow,
  groupByLink,
  isExpired,
  linkOf,
  normalizeNettest,
  sameNettests,
} from '../../../src/modules/oonirun/oonirun-descriptor';
import { nettestRuleError } from '../../../src/modules/oonirun/oonirun-links.service';
import { OonirunRowsCache } from '../../../src/modules/oonirun/oonirun-rows.cache';
import { OonirunWriterService } from '../../../src/modules/oonirun/oonirun-writer.service';
import { OonirunRepository } from '../../../src/modules/oonirun/oonirun.repository';
import { OonirunRow } from '../../../src/modules/oonirun/oonirun.types';

const T0 = Date.UTC(2024, 0, 1);

function row(overrides: Partial<OonirunRow> = {}): OonirunRow {
  return {
    ooni_run_link_id: '10000',
    descriptor_creation_time: T0,
    translation_creation_time: T0,
    creator_account_id: 'a'.repeat(32),
    archived: 0,
    descriptor: JSON.stringify({ name: 'Link', nettests: [{ test_name: 'dnscheck' }] }),
    author: 'me@example.org',
    name: 'Link',
    short_description: 'short',
    icon: '',
    expiration_date: null,
    ...overrides,
  };
}

const status = (fn: () => unknown): number => {
  try {
    fn();
  } catch (err) {
    return (err as ApiError).getStatus();
  }
  return 0;
};

describe('OONI Run descriptors', () => {
  it('should complete a nettest with the service defaults and accept the bk-005 flag names', () => {
    expect(normalizeNettest({ test_name: 'signal', is_manual_run_enabled: true })).toEqual({
      test_name: 'signal',
      inputs: null,
      options: {},
      is_background_run_enabled_default: false,
      is_manual_run_enabled_default: true,
      targets_name: null,
      inputs_extra: null,
    });
    const both = normalizeNettest({
      test_name: 'tor',
      is_manual_run_enabled_default: false,
      is_manual_run_enabled: true,
    });
    expect(both.is_manual_run_enabled_default).toBe(false);
  });

  it('should read legacy descriptors whatever they hold, falling back to the row columns', () => {
    const broken = descriptorOfRow(row({ descriptor: 'not json', name: 'Column name', icon: 'icon1' }));
    expect(broken).toMatchObject({
      name: 'Column name',
      icon: 'icon1',
      nettests: [],
      description: '',
      name_intl: null,
    });
    const odd = descriptorOfRow(
      row({
        descriptor: JSON.stringify({ name: 7, nettests: [1, { test_name: 'ndt', inputs: 'x' }], name_intl: 'x' }),
      }),
    );
    expect(odd.name).toBe('Link');
    expect(odd.name_intl).toBeNull();
    expect(odd.nettests).toEqual([expect.objectContaining({ test_name: 'ndt', inputs: null })]);
  });

  it('should tell nettest changes from equal lists', () => {
    const a = [normalizeNettest({ test_name: 'dnscheck', inputs: ['x'] })];
    expect(sameNettests(a, [normalizeNettest({ test_name: 'dnscheck', inputs: ['x'] })])).toBe(true);
    expect(sameNettests(a, [normalizeNettest({ test_name: 'dnscheck', inputs: ['y'] })])).toBe(false);
    expect(sameNettests(a, [normalizeNettest({ test_name: 'dnscheck', inputs: ['x'], options: { a: 1 } })])).toBe(
      false,
    );
  });

  it('should build a revision with the latest metadata and that revision nettests and time', () => {
    const r1 = row();
    const r2 = row({
      descriptor_creation_time: T0 + 5000,
      translation_creation_time: T0 + 9000,
      descriptor: JSON.stringify({ name: 'Renamed', color: '#000000', nettests: [{ test_name: 'tor' }] }),
      expiration_date: T0 + 86_400_000,
    });
    const link = linkOf([r1, r2], 0, 'a'.repeat(32), T0 + 10_000);
    expect(link).toMatchObject({
      oonirun_link_id: '10000',
      name: 'Renamed',
      color: '#000000',
      revision: '1',
      date_created: new Date(T0).toISOString(),
      date_updated: new Date(T0 + 9000).toISOString(),
      expiration_date: new Date(T0 + 86_400_000).toISOString(),
      is_mine: true,
      is_expired: false,
    });
    expect(link.nettests.map((n) => n.test_name)).toEqual(['dnscheck']);
    expect(linkOf([r1, r2], 1, undefined, T0).nettests.map((n) => n.test_name)).toEqual(['tor']);
    expect(linkOf([r1, r2], 1, 'b'.repeat(32), T0).is_mine).toBe(false);
  });

  it('should call a link expired when archived or past its expiration date', () => {
    expect(isExpired(row(), T0)).toBe(false);
    expect(isExpired(row({ archived: 1 }), T0)).toBe(true);
    expect(isExpired(row({ expiration_date: T0 }), T0)).toBe(true);
    expect(isExpired(row({ expiration_date: T0 + 1 }), T0)).toBe(false);
  });

  it('should split rows per link', () => {
    const rows = [row(), row({ descriptor_creation_time: T0 + 1 }), row({ ooni_run_link_id: '10001' })];
    expect(groupByLink(rows).map((g) => g.length)).toEqual([2, 1]);
  });

  it('should enforce the rules between nettest fields', () => {
    const n = (raw: Record<string, unknown>) => nettestRuleError(normalizeNettest({ test_name: 'x', ...raw }), 3);
    expect(n({ targets_name: 'websites_list_prioritized' })).toBeNull();
    expect(n({ targets_name: 'websites_list_prioritized', inputs: [] })).toMatch(/targets_name/);
    expect(n({ inputs: ['a'], inputs_extra: [{}, {}] })).toMatch(/same length/);
    expect(n({ inputs_extra: [] })).toMatch(/same length/);
    expect(n({ inputs: ['a', 'b', 'c'], inputs_extra: [{}, {}, {}] })).toBeNull();
    expect(n({ inputs: ['a', 'b', 'c', 'd'] })).toMatch(/Too many inputs/);
  });
});

describe('OONI Run path parameters', () => {
  it('should accept decimal UInt64 link ids only', () => {
    expect(parseLinkId('0010000')).toBe('10000');
    expect(parseLinkId('9999999999999999999')).toBe('9999999999999999999');
    for (const bad of ['', 'abc', '-1', '1.0', '12345678901234567890', ' 1']) {
      expect(status(() => parseLinkId(bad))).toBe(400);
    }
  });

  it('should accept latest or a number as revision and find it among the rows', () => {
    expect(parseRevision('latest')).toBeNull();
    expect(parseRevision('3')).toBe(3);
    expect(status(() => parseRevision('Latest'))).toBe(422);
    expect(status(() => parseRevision('1e2'))).toBe(422);
    const rows = [row(), row({ descriptor_creation_time: T0 + 1 })];
    expect(revisionIndex(rows, null)).toBe(1);
    expect(revisionIndex(rows, 1)).toBe(0);
    expect(status(() => revisionIndex(rows, 3))).toBe(404);
    expect(status(() => revisionIndex(rows, 0))).toBe(404);
  });

  it('should read boolean query parameters as FastAPI spells them', () => {
    expect(boolQuery({ a: 'True' }, 'a', false)).toBe(true);
    // Repeated keys: the first value, the rule of every route (legacy Flask).
    expect(boolQuery({ a: ['false', '1'] }, 'a', false)).toBe(false);
    expect(boolQuery({ a: 'off' }, 'a', true)).toBe(false);
    expect(boolQuery({}, 'a', true)).toBe(true);
    expect(boolQuery({ a: '' }, 'a', false)).toBe(false);
    expect(status(() => boolQuery({ a: 'maybe' }, 'a', false))).toBe(422);
  });

  it('should read ISO times without a zone as UTC', () => {
    expect(parseIsoTime('2030-01-01T10:00:00')).toBe(Date.UTC(2030, 0, 1, 10));
    expect(parseIsoTime('2030-01-01T10:00:00+02:00')).toBe(Date.UTC(2030, 0, 1, 8));
    expect(parseIsoTime('2030-01-01')).toBe(Date.UTC(2030, 0, 1));
  });
});

describe(OonirunWriterService.name, () => {
  const repo = { maxLinkId: jest.fn(), insertRows: jest.fn() };
  const cache = { invalidate: jest.fn() };
  const writer = new OonirunWriterService(repo as unknown as OonirunRepository, cache as unknown as OonirunRowsCache);

  it('should drop the written links from the engine-descriptor cache', async () => {
    repo.insertRows.mockResolvedValueOnce(undefined);
    await writer.insert([row({ ooni_run_link_id: '10001' }), row({ ooni_run_link_id: '10002' })]);
    expect(cache.invalidate.mock.calls).toEqual([['10001'], ['10002']]);
  });

  it('should number links from 10000, then after the highest id', async () => {
    repo.maxLinkId.mockResolvedValueOnce(0n);
    expect(await writer.newLinkId()).toBe('10000');
    repo.maxLinkId.mockResolvedValueOnce(12345678901234567890n);
    expect(await writer.newLinkId()).toBe('12345678901234567891');
  });

  it('should never give a revision or a replacement the key or version of the row before', () => {
    const latest = row({ descriptor_creation_time: T0 + 10, translation_creation_time: T0 + 20 });
    const revision = writer.newRevision(latest, { name: 'n' }, T0);
    expect(revision.descriptor_creation_time).toBe(T0 + 21);
    expect(revision.translation_creation_time).toBe(T0 + 21);
    const replacement = writer.replacement(latest, { archived: 1 }, T0);
    expect(replacement).toMatchObject({
      descriptor_creation_time: T0 + 10,
      translation_creation_time: T0 + 21,
      archived: 1,
    });
    expect(writer.newRevision(latest, {}, T0 + 100).descriptor_creation_time).toBe(T0 + 100);
  });

  it('should run writes one after the other, even after a failure', async () => {
    const order: string[] = [];
    const slow = writer.serialized(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('slow');
      throw new Error('boom');
    });
    const fast = writer.serialized(() => {
      order.push('fast');
      return Promise.resolve(1);
    });
    await expect(slow).rejects.toThrow('boom');
    expect(await fast).toBe(1);
    expect(order).toEqual(['slow', 'fast']);
  });
});

describe(OonirunRowsCache.name, () => {
  const options = { maxInputs: 10, defaultExpirationDays: 1 };

  it('should share one lookup per link until the link is written', async () => {
    const repo = { linkRows: jest.fn().mockResolvedValue([row()]) };
    const cache = new OonirunRowsCache(repo as unknown as OonirunRepository, { ...options, engineCacheMs: 60_000 });
    const [a, b] = await Promise.all([cache.linkRows('10000'), cache.linkRows('10000')]);
    expect(a).toEqual([row()]);
    expect(b).toBe(a);
    expect(repo.linkRows).toHaveBeenCalledTimes(1);
    cache.invalidate('10000');
    await cache.linkRows('10000');
    expect(repo.linkRows).toHaveBeenCalledTimes(2);
  });

  it('should read every time when disabled', async () => {
    const repo = { linkRows: jest.fn().mockResolvedValue([]) };
    const cache = new OonirunRowsCache(repo as unknown as OonirunRepository, { ...options, engineCacheMs: 0 });
    expect(await cache.linkRows('1')).toEqual([]);
    expect(await cache.linkRows('1')).toEqual([]);
    expect(repo.linkRows).toHaveBeenCalledTimes(2);
  });
});
