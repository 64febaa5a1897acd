import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { CITIZENLAB_OPTIONS, CitizenlabOptions } from '../../src/modules/citizenlab/citizenlab.options';
import { CitizenlabUpdaterService } from '../../src/modules/citizenlab/updater/citizenlab-updater.service';
import { CitizenlabSnapshotLoader } from '../../src/modules/prio/citizenlab-snapshot.loader';
import { PrioService } from '../../src/modules/prio/prio.service';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';
import { fixtureLists, TestListsUpstream } from '../helpers/test-lists-repo';

interface Row {
  domain: string;
  url: string;
  cc: string;
  category_code: string;
}

const SENTINEL: Row = {
  domain: 'sentinel.example.org',
  url: 'https://sentinel.example.org/',
  cc: 'IT',
  category_code: 'NEWS',
};

/** Every country list of a set of files as (cc, url) pairs, read with a CSV parser of its own. */
function expectedPairs(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const stem = name.replace(/\.csv$/, '');
    if (name.startsWith('00-') || (stem !== 'global' && stem.length !== 2)) continue;
    const cc = stem === 'global' ? 'ZZ' : stem.toUpperCase();
    for (const row of parse<{ url: string }>(text, { columns: true })) out.push(`${cc} ${row.url}`);
  }
  return out.sort();
}

describe('CitizenLab test list updater (e2e)', () => {
  let dir: string;
  let upstream: TestListsUpstream;
  let t: TestApp;
  let updater: CitizenlabUpdaterService;

  const tableRows = async (): Promise<Row[]> => {
    const rs = await t.clickhouse.query({
      query: 'SELECT domain, url, toString(cc) AS cc, category_code FROM citizenlab ORDER BY cc, url, category_code',
      format: 'JSONEachRow',
    });
    return (await rs.json<Row>()).map((r) => ({ ...r, cc: r.cc.replace(/\0+$/, '') }));
  };
  const prioUrls = async (cc: string): Promise<string[]> => {
    const res = await fetch(`${t.url}/api/v1/test-list/urls?country_code=${cc}&limit=-1`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { url: string }[] }).results.map((r) => r.url).sort();
  };

  beforeAll(async () => {
    dir = makeTempDir('ooni-citizenlab-');
    upstream = new TestListsUpstream(dir);
    t = await startTestApp({ citizenlab: { repo_url: upstream.url, min_urls: 10 } });
    updater = t.app.get(CitizenlabUpdaterService);
    await t.clickhouse.insert({ table: 'citizenlab', values: [SENTINEL], format: 'JSONEachRow' });
    // One catch-all rule: every listed URL is served (URLs without a positive priority never are).
    await t.clickhouse.insert({
      table: 'url_priorities',
      values: [{ sign: 1, category_code: '*', cc: '*', domain: '*', url: '*', priority: 100 }],
      format: 'JSONEachRow',
    });
    await t.app.get(PrioService).refresh();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    removeDir(dir);
  });

  it('should swap a valid list into citizenlab, and Prio should serve it without a restart', async () => {
    expect(await prioUrls('IT')).toEqual([SENTINEL.url]);
    const files = fixtureLists();
    const commit = upstream.commit(files);

    const summary = await updater.run();

    expect(summary).toMatchObject({ ok: true, dry_run: false, commit, skipped: ['cis.csv'] });
    const rows = await tableRows();
    expect(rows.map((r) => `${r.cc} ${r.url}`).sort()).toEqual(expectedPairs(files));
    expect(summary.urls).toBe(rows.length);
    expect(rows.find((r) => r.url === 'http://www.torrentdownload.ws/')).toEqual({
      domain: 'www.torrentdownload.ws',
      url: 'http://www.torrentdownload.ws/',
      cc: 'IT',
      category_code: 'FILE',
    });
    // Check-in and test-list/urls draw from the new table at once: IT's list plus the global one.
    const itUrls = await prioUrls('IT');
    expect(itUrls).not.toContain(SENTINEL.url);
    const wanted = expectedPairs(files)
      .filter((p) => /^(IT|ZZ) /.test(p))
      .map((p) => p.slice(3));
    expect(itUrls).toEqual([...new Set(wanted)].sort());
  });

  it('should leave citizenlab exactly as it was when one row of the new list is invalid', async () => {
    const before = await tableRows();
    const files = fixtureLists();
    const badIt = `${files['it.csv']}https://bad.example.org/,NOPE,Nope,2024-01-01,,\n`;
    upstream.commit({ 'it.csv': badIt, 'de.csv': null });

    const summary = await updater.run();

    expect(summary.ok).toBe(false);
    expect(summary.error).toContain('it.csv line');
    expect(summary.error).toContain('category_code');
    expect(await tableRows()).toEqual(before);
    expect(updater.lastRun).toEqual(summary);
  });

  it('should refuse duplicates, bad URLs, unknown country codes and broken columns', async () => {
    const before = await tableRows();
    const files = fixtureLists();
    const firstRow = files['it.csv'].split('\n')[1];
    const cases: Record<string, string | null>[] = [
      { 'it.csv': `${files['it.csv']}${firstRow}\n` },
      { 'it.csv': `${files['it.csv']}ftp://example.org/,NEWS,News Media,2024-01-01,,\n` },
      { 'it.csv': files['it.csv'], 'qq.csv': files['mk.csv'] },
      { 'it.csv': `${files['it.csv']}https://example.org/,NEWS,News Media,2024-01-01\n` },
      { 'it.csv': files['it.csv'].replace('url,category_code', 'category_code,url') },
    ];
    const errors: string[] = [];
    for (const change of cases) {
      upstream.commit({ ...fixtureLists(), 'qq.csv': null, ...change });
      const summary = await updater.run();
      expect(summary.ok).toBe(false);
      errors.push(summary.error ?? '');
    }
    expect(errors[0]).toContain('duplicate URL');
    expect(errors[1]).toContain('bad url');
    expect(errors[2]).toContain('qq.csv: unknown country code');
    expect(errors[3]).toMatch(/it\.csv.*(expect 6, got 4|fields)/i);
    expect(errors[4]).toContain('header');
    expect(await tableRows()).toEqual(before);
  });

  it('should change nothing on a dry run and fail cleanly when the repository cannot be cloned', async () => {
    const before = await tableRows();
    upstream.commit({ ...fixtureLists(), 'qq.csv': null, 'de.csv': null });
    // A checkout left by a crashed run goes; one that may belong to a live run stays.
    const workdir = t.app.get<CitizenlabOptions>(CITIZENLAB_OPTIONS).workdir;
    const abandoned = path.join(workdir, 'updater-crashed');
    const recent = path.join(workdir, 'updater-recent');
    fs.mkdirSync(abandoned);
    fs.mkdirSync(recent);
    const longAgo = new Date(Date.now() - 7 * 3600 * 1000);
    fs.utimesSync(abandoned, longAgo, longAgo);
    const dry = await updater.run({ dryRun: true });
    expect([fs.existsSync(abandoned), fs.existsSync(recent)]).toEqual([false, true]);
    fs.rmdirSync(recent);
    expect(dry).toMatchObject({ ok: true, dry_run: true });
    expect(dry.urls).toBeLessThan(before.length);
    expect(await tableRows()).toEqual(before);

    const options = t.app.get<CitizenlabOptions>(CITIZENLAB_OPTIONS);
    const repoUrl = options.repoUrl;
    options.repoUrl = `${dir}/missing.git`;
    try {
      const failed = await updater.run();
      expect(failed.ok).toBe(false);
      expect(failed.error).toMatch(/missing\.git|does not exist|not found/i);
    } finally {
      options.repoUrl = repoUrl;
    }
    expect(await tableRows()).toEqual(before);
  });

  it('should make the last imported list, not the bundled one, what seeds an empty table', async () => {
    const before = await tableRows();
    await t.clickhouse.command({ query: 'TRUNCATE TABLE citizenlab' });

    const seeded = await t.app.get(CitizenlabSnapshotLoader).seedIfEmpty();

    expect(seeded).toBe(before.length);
    expect(await tableRows()).toEqual(before);
  });

  it('should run as the citizenlab job from the admin route, with the failure and its cause in the job status', async () => {
    const admin = t.app
      .get(SessionTokenService)
      .issue('admin0123', 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    const user = t.app.get(SessionTokenService).issue('user0123', 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    const post = (token: string) =>
      fetch(`${t.url}/api/_/admin/run-job/citizenlab`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await post(user)).status).toBe(403);

    upstream.commit({ ...fixtureLists(), 'qq.csv': null, 'de.csv': null });
    const ok = await post(admin);
    expect(ok.status).toBe(200);
    const summary = (await ok.json()) as { ok: boolean; urls: number };
    expect(summary.ok).toBe(true);
    expect((await tableRows()).length).toBe(summary.urls);

    const before = await tableRows();
    upstream.commit({ 'it.csv': 'url,category_code\nhttps://a.example.org/,NEWS\n' });
    const failed = await post(admin);
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: string }).error).toContain('it.csv: header must be');
    expect(await tableRows()).toEqual(before);

    const jobs = await fetch(`${t.url}/api/_/admin/jobs`, { headers: { authorization: `Bearer ${admin}` } });
    const status = (
      (await jobs.json()) as { jobs: { name: string; last_outcome: string; last_error: string }[] }
    ).jobs.find((j) => j.name === 'citizenlab');
    expect(status?.last_outcome).toBe('failure');
    expect(status?.last_error).toContain('citizenlab left untouched');
  });
});
