import { DiscoveryService } from '@nestjs/core';
import { SessionExpungeRepository } from '../../src/common/auth/session-expunge.repository';
import { exampleCalls } from '../../src/common/clickhouse/sql-examples';
import { AccountsRepository } from '../../src/modules/auth/accounts.repository';
import { FingerprintsRepository } from '../../src/modules/fastpath/fingerprints.repository';
import { JsonlRepository } from '../../src/modules/jsonl-index/jsonl.repository';
import { FeedbackRepository } from '../../src/modules/measurements/feedback.repository';
import { PrioRepository } from '../../src/modules/prio/prio.repository';
import { startTestApp, TestApp } from '../helpers/test-app';

const ACCOUNT = 'a'.repeat(32);
// Not the uid of the @SqlExample calls, which write rows too.
const UID = '20240202000000.000000_IT_webconnectivity_00000000000000aa';
const RID = '20240202T000000Z_webconnectivity_IT_30722_n1_zyxwvutsrqponmlk';

/** Every repository on real embedded ClickHouse, with the project's own migrations. */
/** Waits for a repository call: a promise, or a stream of rows (async generator) read to its end. */
async function settle(result: unknown): Promise<void> {
  if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result) {
    for await (const row of result as AsyncIterable<unknown>) void row;
    return;
  }
  await result;
}

describe('repositories (medium)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ fastpath: { workers: 1 } });
  });
  afterAll(async () => t?.close());

  it('should run every @SqlExample of every repository without a ClickHouse error', async () => {
    const calls = exampleCalls(t.app.get(DiscoveryService));
    // Every repository family of the application has examples (new ones are picked up alone).
    expect([...new Set(calls.map((c) => c.className))]).toEqual(
      expect.arrayContaining([
        'AccountsRepository',
        'FastpathAggregationReader',
        'FastpathSearchReader',
        'FeedbackRepository',
        'FingerprintsRepository',
        'JsonlRepository',
        'PrioRepository',
        'SessionExpungeRepository',
      ]),
    );
    for (const c of calls) {
      await expect(settle(c.call(c.example.params)).then(() => `${c.className}.${c.method}`)).resolves.toBe(
        `${c.className}.${c.method}`,
      );
    }
  });

  it('should store and read back accounts, expunges and feedback', async () => {
    const accounts = t.app.get(AccountsRepository);
    expect(await accounts.role('b'.repeat(32))).toBeNull();
    await accounts.setRole(ACCOUNT, 'admin');
    await accounts.setRole(ACCOUNT, 'user');
    expect(await accounts.role(ACCOUNT)).toBe('user');

    const expunge = t.app.get(SessionExpungeRepository);
    await expunge.expungeNow(ACCOUNT, 1_700_000_000);
    expect(await expunge.isExpunged({ account_id: ACCOUNT, iat: 1_700_000_000 })).toBe(true);
    expect(await expunge.isExpunged({ account_id: ACCOUNT, iat: 1_700_000_001 })).toBe(false);

    const feedback = t.app.get(FeedbackRepository);
    await feedback.upsert(UID, ACCOUNT, 'ok');
    await feedback.upsert(UID, ACCOUNT, 'blocked.dns');
    await feedback.upsert(UID, 'c'.repeat(32), 'blocked.dns');
    const counts = await feedback.counts(UID, ACCOUNT);
    expect(counts.sort((a, b) => a.is_mine - b.is_mine)).toEqual([
      { status: 'blocked.dns', is_mine: 0, cnt: 1 },
      { status: 'blocked.dns', is_mine: 1, cnt: 1 },
    ]);
  });

  it('should index a JSONL file and find each measurement in it', async () => {
    const s3path = 'raw/20240202/00/IT/webconnectivity/2024020200_IT_webconnectivity.n1.0.jsonl.gz';
    const row = { report_id: RID, input: '', s3path, linenum: 3, measurement_uid: UID, date: '2024-01-01' };
    await t.app.get(JsonlRepository).insert([{ ...row, source: '', byte_offset: 100, byte_length: 50 }]);
    expect([...(await t.app.get(JsonlRepository).indexedUids(s3path, [RID, 'other']))]).toEqual([UID]);
    expect(await t.app.get(JsonlRepository).locate(UID)).toEqual({
      s3path,
      linenum: 3,
      byte_offset: 100,
      byte_length: 50,
    });
    expect(await t.app.get(JsonlRepository).locate('20240101000000.000000_IT_webconnectivity_ffffffffffffffff')).toBe(
      undefined,
    );
  });

  it('should keep url priority rules and fingerprints', async () => {
    const prio = t.app.get(PrioRepository);
    const rule = { category_code: 'XYZ', cc: 'IT', domain: '*', url: '*' };
    await prio.insertRuleRows([{ ...rule, priority: 10, sign: 1 }]);
    await prio.insertRuleRows([
      { ...rule, priority: 10, sign: -1 },
      { ...rule, priority: 20, sign: 1 },
    ]);
    expect(await prio.findRules(rule)).toEqual([{ ...rule, priority: 20 }]);

    const fingerprints = t.app.get(FingerprintsRepository);
    const before = await fingerprints.count('dns');
    const record = {
      name: 'medium_test_fp',
      scope: 'isp',
      location_found: 'dns',
      pattern_type: 'full',
      pattern: '192.0.2.66',
      confidence_no_fp: 5,
      expected_countries: ['IT', 'DE'],
    };
    await fingerprints.insert('dns', [record]);
    expect(await fingerprints.count('dns')).toBe(before + 1);
    const stored = (await fingerprints.list('dns')).find((r) => r.name === record.name);
    expect(stored).toMatchObject({ ...record, expected_countries: 'IT,DE' });
  });
});
