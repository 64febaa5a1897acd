import { SessionExpungeRepository } from '../../src/common/auth/session-expunge.repository';
import {
  anonymous,
  FindingJson,
  IncidentsCaller,
  loggedIn,
  minutesFromNow,
  sampleFinding,
} from '../helpers/incidents-api';
import { resetTables } from '../helpers/reset-tables';
import { startTestApp, TestApp } from '../helpers/test-app';

const AUTHOR = 'author@example.org';
const OTHER = 'other@example.org';
const ADMIN = 'admin@example.org';

describe('Incidents (e2e)', () => {
  let t: TestApp;
  let author: IncidentsCaller;
  let other: IncidentsCaller;
  let admin: IncidentsCaller;
  let anon: IncidentsCaller;

  const create = async (by: IncidentsCaller, extra: Record<string, unknown> = {}): Promise<string> => {
    const r = await by.post('/api/v1/incidents/create', sampleFinding(by.email!, extra));
    expect(r).toMatchObject({ status: 200, body: { r: 1 } });
    return r.body.id as string;
  };
  const show = async (by: IncidentsCaller, key: string): Promise<FindingJson> => {
    const r = await by.get(`/api/v1/incidents/show/${key}`);
    expect(r.status).toBe(200);
    return r.body.incident as FindingJson;
  };
  const ids = async (by: IncidentsCaller, qs = ''): Promise<string[]> => {
    const r = await by.get(`/api/v1/incidents/search?${qs}`);
    expect(r.status).toBe(200);
    return (r.body.incidents as FindingJson[]).map((i) => i.id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    author = loggedIn(t, AUTHOR, 'user');
    other = loggedIn(t, OTHER, 'user');
    admin = loggedIn(t, ADMIN, 'admin');
    anon = anonymous(t);
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetTables(t.clickhouse));

  it('should run the moderation workflow of issue #10 end to end', async () => {
    const id = await create(author, { title: 'Italy blocks example.com' });
    expect(id).toMatch(/^\d+$/);
    expect(await ids(anon)).toEqual([]);
    expect(await ids(author)).toEqual([id]);

    const draft = await show(author, id);
    // Show hides the address from non-admins: Explorer's form asks the author for it again.
    const r = await author.post('/api/v1/incidents/update', {
      ...draft,
      email_address: AUTHOR,
      title: 'Italy blocks example.org',
    });
    expect(r).toMatchObject({ status: 200, body: { r: 1, id } });
    expect((await show(author, id)).title).toBe('Italy blocks example.org');

    expect((await author.post('/api/v1/incidents/publish', { id })).status).toBe(403);
    const publishing = { ...draft, email_address: AUTHOR, published: true };
    expect((await author.post('/api/v1/incidents/update', publishing)).status).toBe(403);
    expect(await ids(anon)).toEqual([]);

    expect((await admin.post('/api/v1/incidents/publish', { id })).status).toBe(200);
    expect(await ids(anon)).toEqual([id]);
    const published = await show(anon, id);
    expect(published).toMatchObject({ published: true, mine: false, email_address: '', creator_account_id: '' });

    const edit = { ...(await show(other, id)), email_address: OTHER, text: 'defaced' };
    expect((await other.post('/api/v1/incidents/update', edit)).status).toBe(403);
    expect((await other.post('/api/v1/incidents/delete', { id, email_address: OTHER })).status).toBe(403);
    expect((await show(anon, id)).text).toBe(draft.text);

    expect((await admin.post('/api/v1/incidents/unpublish', { id })).status).toBe(200);
    expect(await ids(anon)).toEqual([]);
    expect((await anon.get(`/api/v1/incidents/show/${id}`)).status).toBe(404);
    expect((await admin.post('/api/v1/incidents/delete', { id })).body).toEqual({});
    expect(await ids(admin)).toEqual([]);
    expect((await admin.get(`/api/v1/incidents/show/${id}`)).status).toBe(404);
  });

  it('should let the author edit a finding an admin published, keeping it published', async () => {
    const id = await create(author);
    await admin.post('/api/v1/incidents/publish', { id });
    const current = { ...(await show(author, id)), email_address: AUTHOR };
    expect(current.published).toBe(true);
    const r = await author.post('/api/v1/incidents/update', { ...current, short_description: 'fixed a typo' });
    expect(r.status).toBe(200);
    expect(await show(anon, id)).toMatchObject({ published: true, short_description: 'fixed a typo' });
    // Unpublishing is the admins' call too.
    expect((await author.post('/api/v1/incidents/update', { ...current, published: false })).status).toBe(403);
    const { published: _published, ...withoutFlag } = current;
    expect((await author.post('/api/v1/incidents/update', { ...withoutFlag, title: 'no flag sent' })).status).toBe(200);
    expect(await show(anon, id)).toMatchObject({ published: true, title: 'no flag sent' });
  });

  it('should take the author from the session, never from the body', async () => {
    const id = await create(author, {
      creator_account_id: other.accountId,
      create_time: '2001-01-01T00:00:00Z',
      id: '42',
      mine: false,
    });
    expect(id).not.toBe('42');
    const mine = await show(author, id);
    expect(mine.mine).toBe(true);
    expect(mine.create_time).not.toMatch(/^2001/);
    expect((await show(admin, id)).email_address).toBe(AUTHOR);
    // Someone else's address is refused, whatever the role.
    const r = await author.post('/api/v1/incidents/create', sampleFinding(OTHER));
    expect(r.status).toBe(400);
    expect((await admin.post('/api/v1/incidents/create', sampleFinding(AUTHOR))).status).toBe(400);
    // An admin's update keeps the author's account and address.
    await admin.post('/api/v1/incidents/update', { ...mine, email_address: ADMIN, title: 'edited by admin' });
    expect(await show(author, id)).toMatchObject({ mine: true, title: 'edited by admin' });
    expect((await show(admin, id)).email_address).toBe(AUTHOR);
  });

  it('should store markdown text exactly as given and answer it as JSON', async () => {
    const text = '# Title\n\n<script>alert("x")</script> [link](javascript:alert(1)) ünïcode 🙂\r\n';
    const id = await create(author, { text });
    const r = await author.get(`/api/v1/incidents/show/${id}`);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body.incident.text).toBe(text);
  });

  it('should never bring a deleted finding back', async () => {
    const id = await create(author);
    const before = { ...(await show(author, id)), email_address: AUTHOR };
    expect((await author.post('/api/v1/incidents/delete', { id, email_address: AUTHOR })).status).toBe(200);
    await t.clickhouse.command({ query: 'OPTIMIZE TABLE incidents FINAL' });
    expect((await author.post('/api/v1/incidents/update', before)).status).toBe(404);
    expect((await admin.post('/api/v1/incidents/publish', { id })).status).toBe(404);
    expect((await author.post('/api/v1/incidents/delete', { id, email_address: AUTHOR })).status).toBe(404);
    // A write racing the delete (a version newer than the delete) still loses.
    await t.clickhouse.insert({
      table: 'incidents',
      values: [{ id, title: 'racing update', text: 'x', published: 1, deleted: 0, update_time: 4000000000 }],
      format: 'JSONEachRow',
    });
    expect(await ids(admin)).toEqual([]);
    expect((await anon.get(`/api/v1/incidents/show/${id}`)).status).toBe(404);
  });

  it('should show every change to the next request, even several in one second', async () => {
    const id = await create(author);
    let current = await show(author, id);
    for (const tag of ['a', 'b', 'c', 'd']) {
      const change = { ...current, email_address: AUTHOR, tags: [...current.tags, tag] };
      const r = await author.post('/api/v1/incidents/update', change);
      expect(r.status).toBe(200);
      current = await show(author, id);
    }
    expect(current.tags).toEqual(['a', 'b', 'c', 'd']);
    const [listed] = (await author.get('/api/v1/incidents/search')).body.incidents as FindingJson[];
    expect(listed.tags).toEqual(['a', 'b', 'c', 'd']);
  });

  it('should filter and sort searches', async () => {
    const old = await create(admin, {
      published: true,
      start_time: '2020-01-01T00:00:00Z',
      CCs: ['it'],
      ASNs: [3269],
      themes: ['news_media'],
    });
    const recent = await create(admin, { published: true, start_time: '2024-06-01T00:00:00Z', CCs: ['DE'] });
    const draft = await create(author, { start_time: '2022-01-01T00:00:00Z' });

    expect(await ids(admin, 'order_by=start_time&order=asc')).toEqual([old, draft, recent]);
    expect(await ids(admin, 'order_by=start_time')).toEqual([recent, draft, old]);
    expect(await ids(anon, 'country_code=IT')).toEqual([old]);
    expect(await ids(anon, 'country_code=IT&country_code=DE&order_by=start_time')).toEqual([recent, old]);
    expect(await ids(anon, 'country_code=IT,DE&order_by=start_time')).toEqual([recent, old]);
    expect(await ids(anon, 'asn=AS3269')).toEqual([old]);
    expect(await ids(anon, 'theme=news_media')).toEqual([old]);
    expect(await ids(admin, 'published=false')).toEqual([draft]);
    expect(await ids(admin, `creator_account_id=${author.accountId}`)).toEqual([draft]);
    expect((await author.get(`/api/v1/incidents/search?creator_account_id=${author.accountId}`)).status).toBe(403);
    expect(await ids(author, 'only_mine=true')).toEqual([draft]);
  });

  it('should generate slugs from the year and title, unique, and reject taken ones', async () => {
    const year = new Date().getUTCFullYear();
    const first = await create(author, { title: 'Russia throttles Twitter!' });
    const second = await create(author, { title: 'Russia throttles Twitter!' });
    expect((await show(author, first)).slug).toBe(`${year}-russia-throttles-twitter`);
    const slug = (await show(author, second)).slug;
    expect(slug).toBe(`${year}-russia-throttles-twitter-${second}`);
    expect((await show(author, slug!)).id).toBe(second);
    const r = await author.post(
      '/api/v1/incidents/create',
      sampleFinding(AUTHOR, { slug: `${year}-russia-throttles-twitter` }),
    );
    expect(r.status).toBe(409);
    // An unpublished finding is not found by slug either, for others.
    expect((await other.get(`/api/v1/incidents/show/${slug}`)).status).toBe(404);
  });

  it('should read the session of public routes like protected ones, expunge included', async () => {
    const id = await create(author);
    expect(await ids(author)).toEqual([id]);
    await t.app.get(SessionExpungeRepository).expungeNow(author.accountId!);
    expect(await ids(author)).toEqual([]);
    expect((await author.get(`/api/v1/incidents/show/${id}`)).status).toBe(404);
    expect((await author.post('/api/v1/incidents/create', sampleFinding(AUTHOR))).status).toBe(401);
    const forged = anonymous(t);
    const r = await fetch(`${t.url}/api/v1/incidents/search`, { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(r.status).toBe(200);
    expect((await forged.get('/api/v1/incidents/search')).body).toEqual({ incidents: [] });
  });

  describe('bad input', () => {
    const long = (n: number): string => 'x'.repeat(n);
    const badBodies: Array<[string, Record<string, unknown>]> = [
      ['missing title', { title: undefined }],
      ['title not a string', { title: 42 }],
      ['oversized title', { title: long(501) }],
      ['oversized text', { text: long(200_001) }],
      ['oversized reported_by', { reported_by: long(201) }],
      ['missing start_time', { start_time: undefined }],
      ['malformed start_time', { start_time: '31/01/2024' }],
      ['impossible date', { start_time: '2024-02-31T00:00:00Z' }],
      ['end before start', { start_time: '2024-02-01T00:00:00Z', end_time: '2024-01-31T23:59:59Z' }],
      ['bad country code', { CCs: ['ITA'] }],
      ['negative ASN', { ASNs: [-1] }],
      ['ASN too large', { ASNs: [2 ** 32] }],
      ['javascript link', { links: ['javascript:alert(1)'] }],
      ['too many tags', { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }],
      ['tags not a list', { tags: 'a,b' }],
      ['numeric slug', { slug: '1234' }],
      ['published not a boolean', { published: 'yes' }],
    ];
    it.each(badBodies)('should answer 422 JSON to a create with %s', async (_name, change) => {
      const r = await author.post('/api/v1/incidents/create', sampleFinding(AUTHOR, change));
      expect(r.status).toBe(422);
      expect(typeof r.body.error).toBe('string');
      expect(await ids(author)).toEqual([]);
    });

    it('should answer 4xx JSON to malformed bodies, ids and actions', async () => {
      const cases: Array<[Promise<{ status: number; body: unknown }>, number]> = [
        [author.post('/api/v1/incidents/create', '{"title":'), 400],
        [author.post('/api/v1/incidents/create', '[1,2]'), 422],
        [author.post('/api/v1/incidents/update', sampleFinding(AUTHOR)), 422],
        [author.post('/api/v1/incidents/update', sampleFinding(AUTHOR, { id: { $ne: 1 } })), 422],
        [author.post('/api/v1/incidents/delete', { email_address: AUTHOR }), 422],
        [admin.post('/api/v1/incidents/publish', {}), 422],
        [admin.post('/api/v1/incidents/archive', { id: '1' }), 400],
        [anon.post('/api/v1/incidents/publish', { id: '1' }), 401],
        [anon.post('/api/v1/incidents/delete', { id: '1' }), 401],
        [anon.get(`/api/v1/incidents/show/${long(90)}`), 404],
        [anon.get(`/api/v1/incidents/show/${long(300)}`), 414],
        [anon.get('/api/v1/incidents/show/%27%20OR%201%3D1'), 404],
        [anon.get('/api/v1/incidents/search?order_by=password'), 400],
        [anon.get('/api/v1/incidents/search?order=sideways'), 400],
        [anon.get('/api/v1/incidents/search?asn=AS99999999999'), 400],
        [anon.get('/api/v1/incidents/search?country_code=ITA'), 400],
        [anon.get('/api/v1/incidents/search?published=maybe'), 400],
        [anon.get('/api/v1/incidents/search?order=up&order=asc&published=1&published=yes'), 400],
        [
          anon.get(`/api/v1/incidents/search?${Array.from({ length: 101 }, (_, i) => `domain=d${i}.org`).join('&')}`),
          400,
        ],
      ];
      for (const [pending, status] of cases) {
        const r = await pending;
        expect({ status: r.status, hasError: typeof (r.body as { error?: unknown }).error === 'string' }).toEqual({
          status,
          hasError: true,
        });
      }
    });

    it('should accept the times Explorer and the newer API send', async () => {
      const cases: Array<[string, string]> = [
        ['2024-01-31T00:00:00Z', '2024-01-31T00:00:00.000000Z'],
        ['2024-01-31T00:00:00.123456Z', '2024-01-31T00:00:00.000000Z'],
        ['2024-01-31T02:00:00+02:00', '2024-01-31T00:00:00.000000Z'],
        ['2024-01-31', '2024-01-31T00:00:00.000000Z'],
        [minutesFromNow(5), minutesFromNow(5)],
      ];
      for (const [sent, shown] of cases) {
        const id = await create(author, { start_time: sent, end_time: null });
        expect((await show(author, id)).start_time).toBe(shown);
      }
    });
  });
});
