import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { FakeGithub } from '../helpers/fake-github';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';
import { fixtureLists, TestListsUpstream } from '../helpers/test-lists-repo';

const TOKEN = 'ghp_e2eSecretToken0123456789';
const GH_USER = 'ooni-bot';
const EXPECTED_AUTH = `Basic ${Buffer.from(`${GH_USER}:${TOKEN}`).toString('base64')}`;
const ORIGIN_REPO = 'citizenlab/test-lists';
const WEB = 'https://github.example';

interface Entry {
  url: string;
  category_code: string;
  date_added: string;
  source: string;
  notes: string;
}
interface UserView {
  test_list: Entry[] | null;
  changes: Record<string, (Entry & { action: string })[]>;
  state: string;
  pr_url: string | null;
}

const entry = (url: string, extra: Partial<Entry> = {}): Entry => ({
  url,
  category_code: 'NEWS',
  date_added: '2024-05-01',
  source: '',
  notes: '',
  ...extra,
});

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('URL submission for the Test List Editor (e2e)', () => {
  let dir: string;
  let upstream: TestListsUpstream;
  let gh: FakeGithub;
  let t: TestApp;
  const bodies: string[] = [];
  const tokens: Record<string, string> = {};

  const call = async (method: string, p: string, who?: string, body?: unknown) => {
    const res = await fetch(`${t.url}${p}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    bodies.push(text);
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  };
  const view = async (who: string, cc = 'it'): Promise<UserView> => {
    const res = await call('GET', `/api/_/url-submission/test-list/${cc}`, who);
    expect(res.status).toBe(200);
    return res.body as unknown as UserView;
  };
  const update = (who: string, body: Record<string, unknown>) =>
    call('POST', '/api/v1/url-submission/update-url', who, { country_code: 'it', comment: '', ...body });
  const submit = (who: string) => call('POST', '/api/v1/url-submission/submit', who);
  const branchOf = (who: string) => `user-contribution/${who}`;
  const urlsOn = (branch: string, list = 'it.csv') =>
    parse<{ url: string }>(upstream.show(branch, `lists/${list}`) ?? '', { columns: true }).map((r) => r.url);

  beforeAll(async () => {
    dir = makeTempDir('ooni-url-submission-');
    upstream = new TestListsUpstream(dir);
    upstream.commit(fixtureLists(), 'initial lists');
    gh = new FakeGithub(ORIGIN_REPO, EXPECTED_AUTH);
    await gh.start();
    t = await startTestApp({
      citizenlab: {
        repo_url: upstream.url,
        submission: {
          origin_repo: ORIGIN_REPO,
          push_url: upstream.url,
          push_repo: 'ooni-bot/test-lists',
          github_api_url: gh.url,
          github_web_url: WEB,
          github_user: GH_USER,
          github_token: TOKEN,
          lock_timeout_ms: 30_000,
        },
      },
    });
    const sessions = t.app.get(SessionTokenService);
    for (const who of ['alice', 'bob', 'carol']) {
      tokens[who] = sessions.issue(`${who}0123`, 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await gh?.stop();
    removeDir(dir);
  });

  it('should refuse anonymous callers with 401 JSON', async () => {
    for (const [method, p] of [
      ['GET', '/api/_/url-submission/test-list/it'],
      ['POST', '/api/v1/url-submission/update-url'],
      ['POST', '/api/v1/url-submission/submit'],
    ]) {
      const res = await call(method, p, undefined, method === 'POST' ? {} : undefined);
      expect({ p, status: res.status, error: typeof res.body.error }).toEqual({ p, status: 401, error: 'string' });
    }
  });

  it('should show a clean account the upstream list', async () => {
    const v = await view('alice');
    const upstreamRows = parse<Entry & { category_description: string }>(fixtureLists()['it.csv'], { columns: true });
    expect(v.state).toBe('CLEAN');
    expect(v.changes).toEqual({});
    expect(v.pr_url).toBeNull();
    expect(v.test_list).toEqual(
      upstreamRows.map(({ url, category_code, date_added, source, notes }) => ({
        url,
        category_code,
        date_added,
        source,
        notes,
      })),
    );
  });

  it('should refuse bad input with the legacy errors and write nothing', async () => {
    const existing = parse<{ url: string }>(fixtureLists()['it.csv'], { columns: true })[0].url;
    const inGlobal = parse<{ url: string }>(fixtureLists()['global.csv'], { columns: true })[0].url;
    const cases: [string, Promise<{ status: number; body: Record<string, unknown> }>, string][] = [
      ['unknown cc', call('GET', '/api/_/url-submission/test-list/qq', 'carol'), 'err_invalid_country_code'],
      ['path trick', call('GET', '/api/_/url-submission/test-list/..%2F..%2Fetc', 'carol'), 'err_invalid_country_code'],
      [
        'regional list',
        update('carol', { country_code: 'cis', new_entry: entry('https://a.example.org/') }),
        'err_invalid_country_code',
      ],
      [
        'path trick in body',
        update('carol', { country_code: '../it', new_entry: entry('https://a.example.org/') }),
        'err_invalid_country_code',
      ],
      ['malformed url', update('carol', { new_entry: entry('ftp://a.example.org/') }), 'err_bad_url'],
      ['url without path', update('carol', { new_entry: entry('https://a.example.org') }), 'err_bad_url'],
      [
        'unknown category',
        update('carol', { new_entry: entry('https://a.example.org/', { category_code: 'NOPE' }) }),
        'err_bad_category_code',
      ],
      [
        'bad date',
        update('carol', { new_entry: entry('https://a.example.org/', { date_added: '2024-13-01' }) }),
        'err_bad_date',
      ],
      [
        'newline injection',
        update('carol', { new_entry: entry('https://a.example.org/', { notes: 'x\nhttps://evil.example.org/,NEWS' }) }),
        'err_bad_field',
      ],
      ['duplicate in list', update('carol', { new_entry: entry(existing) }), 'err_duplicate_url'],
      ['duplicate in global', update('carol', { new_entry: entry(inGlobal) }), 'err_duplicate_url'],
      [
        'stale old_entry',
        update('carol', {
          old_entry: entry(existing, { notes: 'not what is there' }),
          new_entry: entry('https://b.example.org/'),
        }),
        'err_cannot_update_list',
      ],
      ['no change', update('carol', {}), 'err_no_proposed_changes'],
      ['nothing to submit', submit('carol'), 'err_no_proposed_changes'],
    ];
    for (const [name, pending, errStr] of cases) {
      const res = await pending;
      expect({ name, status: res.status, err_str: res.body.err_str }).toEqual({ name, status: 400, err_str: errStr });
      expect(typeof res.body.error).toBe('string');
    }
    const missingField = await update('carol', { new_entry: { url: 'https://a.example.org/', category_code: 'NEWS' } });
    expect(missingField.status).toBe(400);
    expect((await view('carol')).state).toBe('CLEAN');
    expect(upstream.branches()).toEqual(['master']);
  });

  it('should keep two accounts editing at once apart, and each pull request should hold only its own change', async () => {
    const a = entry('https://alice.example.org/news', { notes: 'commas, "quotes", and more' });
    const b = entry('https://bob.example.org/page', { category_code: 'HUMR' });
    const [ra, rb] = await Promise.all([update('alice', { new_entry: a }), update('bob', { new_entry: b })]);
    expect([ra, rb]).toEqual([
      { status: 200, body: { updated_entry: a } },
      { status: 200, body: { updated_entry: b } },
    ]);
    const [va, vb] = await Promise.all([view('alice'), view('bob')]);
    expect(va.state).toBe('IN_PROGRESS');
    expect(va.changes).toEqual({ it: [{ ...a, action: 'add' }] });
    expect(va.test_list).toContainEqual(a);
    expect(va.test_list?.map((e) => e.url)).not.toContain(b.url);
    expect(vb.test_list).toContainEqual(b);
    expect(vb.test_list?.map((e) => e.url)).not.toContain(a.url);

    const [sa, sb] = await Promise.all([submit('alice'), submit('bob')]);
    expect(sa.status).toBe(200);
    expect(sb.status).toBe(200);
    const prA = gh.pullFrom(branchOf('alice0123'));
    const prB = gh.pullFrom(branchOf('bob0123'));
    expect(prA).toMatchObject({ head: `ooni-bot:${branchOf('alice0123')}`, base: 'master', state: 'open' });
    expect(sa.body.pr_id).toBe(`${gh.url}/repos/${ORIGIN_REPO}/pulls/${prA?.number}`);
    expect(sb.body.pr_id).toBe(`${gh.url}/repos/${ORIGIN_REPO}/pulls/${prB?.number}`);
    for (const [who, mine, theirs] of [
      ['alice0123', a.url, b.url],
      ['bob0123', b.url, a.url],
    ]) {
      expect(upstream.changedFiles(branchOf(who))).toEqual(['lists/it.csv']);
      expect(urlsOn(branchOf(who))).toContain(mine);
      expect(urlsOn(branchOf(who))).not.toContain(theirs);
      expect(urlsOn(branchOf(who)).length).toBe(urlsOn('master').length + 1);
    }
    // The notes with commas and quotes are one field of one row.
    const row = parse<Entry>(upstream.show(branchOf('alice0123'), 'lists/it.csv') ?? '', { columns: true }).find(
      (r) => r.url === a.url,
    );
    expect(row?.notes).toBe(a.notes);
    expect(await view('alice')).toMatchObject({
      state: 'PR_OPEN',
      pr_url: `${WEB}/${ORIGIN_REPO}/pull/${prA?.number}`,
    });
  });

  it('should go back to CLEAN when the pull request is merged or closed upstream', async () => {
    const prA = gh.pullFrom(branchOf('alice0123'));
    const prB = gh.pullFrom(branchOf('bob0123'));
    upstream.merge(branchOf('alice0123'));
    if (prA) prA.state = 'closed';
    if (prB) prB.state = 'closed';

    const va = await view('alice');
    expect(va).toMatchObject({ state: 'CLEAN', changes: {}, pr_url: null });
    expect(va.test_list?.map((e) => e.url)).toContain('https://alice.example.org/news');
    const vb = await view('bob');
    expect(vb).toMatchObject({ state: 'CLEAN', changes: {}, pr_url: null });
    expect(vb.test_list?.map((e) => e.url)).toContain('https://alice.example.org/news');
    expect(vb.test_list?.map((e) => e.url)).not.toContain('https://bob.example.org/page');
  });

  it("should close an open pull request when the account edits again, and serialize one account's requests", async () => {
    const c = entry('https://carol.example.org/one');
    expect((await update('carol', { new_entry: c })).status).toBe(200);
    expect((await submit('carol')).status).toBe(200);
    const pr = gh.pullFrom(branchOf('carol0123'));
    expect(pr?.state).toBe('open');
    // A refused edit leaves the pull request open.
    expect((await update('carol', { new_entry: c })).body.err_str).toBe('err_duplicate_url');
    expect((await update('carol', { old_entry: { ...c, notes: 'stale' }, new_entry: c })).body.err_str).toBe(
      'err_cannot_update_list',
    );
    expect(pr?.state).toBe('open');
    expect((await view('carol')).state).toBe('PR_OPEN');

    const d = { ...c, url: 'https://carol.example.org/two' };
    const e = entry('https://carol.example.org/three', { category_code: 'GOVT' });
    const results = await Promise.all([
      update('carol', { old_entry: c, new_entry: d }),
      update('carol', { new_entry: e }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(pr?.state).toBe('closed');
    const v = await view('carol');
    expect(v.state).toBe('IN_PROGRESS');
    const urls = v.test_list?.map((x) => x.url) ?? [];
    expect(urls).toEqual(expect.arrayContaining([d.url, e.url]));
    expect(urls).not.toContain(c.url);
    expect(v.changes.it).toEqual(
      expect.arrayContaining([
        { ...d, action: 'add' },
        { ...e, action: 'add' },
      ]),
    );
    expect(v.changes.it).toHaveLength(2);
    expect((await update('carol', { old_entry: e })).body).toEqual({ updated_entry: null });
    expect((await view('carol')).changes.it).toEqual([{ ...d, action: 'add' }]);

    // A lost working copy takes its changes with it: the account starts over, CLEAN.
    fs.rmSync(path.join(t.config.var_dir, 'citizenlab', 'users', 'carol0123', 'test-lists'), { recursive: true });
    expect(await view('carol')).toMatchObject({ state: 'CLEAN', changes: {} });
    expect((await submit('carol')).body.err_str).toBe('err_no_proposed_changes');
  });

  it('should never put the GitHub token in an answer or a file', () => {
    expect(gh.authorizations.length).toBeGreaterThan(0);
    expect(gh.authorizations.every((a) => a === EXPECTED_AUTH)).toBe(true);
    const secrets = [TOKEN, Buffer.from(`${GH_USER}:${TOKEN}`).toString('base64')];
    for (const body of bodies) for (const s of secrets) expect(body).not.toContain(s);
    for (const file of filesUnder(t.config.var_dir)) {
      if (file.includes(`${path.sep}clickhouse${path.sep}`)) continue;
      const text = fs.readFileSync(file, 'latin1');
      for (const s of secrets) expect({ file, leaked: text.includes(s) }).toEqual({ file, leaked: false });
    }
  });
});
