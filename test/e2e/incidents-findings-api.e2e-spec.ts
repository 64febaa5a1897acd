import {
  anonymous,
  FINDING_KEYS,
  FindingJson,
  IncidentsCaller,
  Json,
  loggedIn,
  minutesFromNow,
  sampleFinding,
} from '../helpers/incidents-api';
import { resetTables } from '../helpers/reset-tables';
import { startTestApp, TestApp } from '../helpers/test-app';

const SAMPLE_EMAIL = 'sample@ooni.org';

/*
 * The newer oonifindings service's tests (tests/test_oonifindings.py, test_main.py), case by
 * case. Where this API deliberately differs (issue #10), the test says so:
 * - users may create findings (legacy API; the newer one lets only admins create);
 * - a wrong role is 403, not 401 (project rule: 401 without a valid session, 403 with);
 * - another user's unpublished finding is hidden (404 / not listed), as from anonymous callers.
 */
describe('Incidents: newer oonifindings API cases (e2e)', () => {
  let t: TestApp;
  let admin: IncidentsCaller;
  let user: IncidentsCaller;
  let otherUser: IncidentsCaller;
  let anon: IncidentsCaller;

  const create = async (by: IncidentsCaller, extra: Record<string, unknown> = {}): Promise<string> => {
    const r = await by.post('/api/v1/incidents/create', sampleFinding(SAMPLE_EMAIL, extra));
    expect(r.status).toBe(200);
    expect(r.body.r).toBe(1);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    return r.body.id as string;
  };
  const show = async (by: IncidentsCaller, key: string): Promise<Json> => {
    const r = await by.get(`/api/v1/incidents/show/${key}`);
    expect(r.status).toBe(200);
    return r.body.incident;
  };

  beforeAll(async () => {
    t = await startTestApp();
    // The same account (the hash of SAMPLE_EMAIL) as admin and as a plain user.
    admin = loggedIn(t, SAMPLE_EMAIL, 'admin');
    user = loggedIn(t, SAMPLE_EMAIL, 'user');
    otherUser = loggedIn(t, 'user@ooni.org', 'user');
    anon = anonymous(t);
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetTables(t.clickhouse));

  // Not ported: test_metrics and test_lifecycle (a Prometheus /metrics route; this API sends StatsD)
  // and test_get_version / test_get_root (the standalone service's own /version and /).
  describe('test_main', () => {
    it('should answer health ok (test_health_good)', async () => {
      const r = await anon.get('/health');
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('ok');
    });

    it('should answer 503 when the database does not answer (test_health_bad)', async () => {
      const ping = jest.spyOn(t.clickhouse, 'ping').mockRejectedValueOnce(new Error('connection refused'));
      const r = await anon.get('/health');
      ping.mockRestore();
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ status: 'degraded', clickhouse: 'unavailable' });
    });
  });

  it('should require a session to create, and let users create (test_oonifinding_validation, deliberate change)', async () => {
    expect((await anon.post('/api/v1/incidents/create', sampleFinding(SAMPLE_EMAIL))).status).toBe(401);
    const id = await create(user);
    expect((await show(user, id)).mine).toBe(true);
  });

  it('should check the creator email, title, text and times (test_oonifinding_creator_validation)', async () => {
    const z = sampleFinding(SAMPLE_EMAIL);
    let r = await admin.post('/api/v1/incidents/create', { ...z, email_address: '' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/email/);
    r = await admin.post('/api/v1/incidents/create', { ...z, title: '' });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/title/);
    r = await admin.post('/api/v1/incidents/create', { ...z, text: '' });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/text/);
    const start = Date.parse(z.start_time as string);
    const minute = 60_000;
    const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');
    r = await admin.post('/api/v1/incidents/create', { ...z, end_time: iso(start - minute) });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/end_time/);
    r = await admin.post('/api/v1/incidents/create', { ...z, end_time: iso(start + minute) });
    expect(r.status).toBe(200);
    expect(r.body.r).toBe(1);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect((await admin.get('/api/v1/incidents/search')).body.incidents).toHaveLength(1);
  });

  it('should publish and unpublish, admins only (test_oonifinding_publish)', async () => {
    await create(admin, { published: true });
    const id = await create(admin, { published: false });
    const payload = await show(admin, id);

    let r = await admin.post('/api/v1/incidents/random', payload);
    expect(r.status).toBe(400);
    r = await user.post('/api/v1/incidents/publish', payload);
    expect(r.status).toBe(403);
    r = await admin.post('/api/v1/incidents/publish', { id: '12341512' });
    expect(r.status).toBe(404);

    r = await admin.post('/api/v1/incidents/publish', { id });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ r: 1, id });
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect((await show(admin, id)).published).toBe(true);

    r = await admin.post('/api/v1/incidents/unpublish', payload);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ r: 1, id });
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect((await show(admin, id)).published).toBe(false);
  });

  it('should delete for the author or an admin only (test_oonifinding_delete)', async () => {
    const z = sampleFinding(SAMPLE_EMAIL);
    let id = await create(admin);
    let r = await admin.post('/api/v1/incidents/delete', { ...z, id: 'not-exist' });
    expect(r.status).toBe(404);
    r = await admin.post('/api/v1/incidents/delete', { ...z, id });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    expect(r.headers.get('cache-control')).toBe('no-cache');

    id = await create(admin);
    r = await user.post('/api/v1/incidents/delete', { ...z, id, email_address: '' });
    expect(r.status).toBe(403);
    r = await otherUser.post('/api/v1/incidents/delete', { ...z, id });
    expect(r.status).toBe(403);
    r = await user.post('/api/v1/incidents/delete', { ...z, id });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect((await admin.get(`/api/v1/incidents/show/${id}`)).status).toBe(404);
  });

  it('should update for the author or an admin, publishing for admins only (test_oonifinding_update)', async () => {
    const id = await create(admin);
    let payload = await show(admin, id);

    let r = await admin.post('/api/v1/incidents/update', { ...payload, id: 'does-not-exist' });
    expect(r.status).toBe(404);

    const replacementText = 'sample replacement text for update';
    r = await admin.post('/api/v1/incidents/update', { ...payload, text: replacementText });
    expect(r.body).toEqual({ r: 1, id });
    expect(r.headers.get('cache-control')).toBe('no-cache');
    payload = await show(admin, id);
    expect(payload.text).toBe(replacementText);

    expect((await admin.post('/api/v1/incidents/update', { ...payload, text: '' })).status).toBe(422);
    expect((await admin.post('/api/v1/incidents/update', { ...payload, title: '' })).status).toBe(422);

    const description = 'sample replacement description for update';
    payload = { ...payload, short_description: description };
    expect((await user.post('/api/v1/incidents/update', { ...payload, email_address: '' })).status).toBe(403);
    expect((await otherUser.post('/api/v1/incidents/update', payload)).status).toBe(403);
    r = await user.post('/api/v1/incidents/update', payload);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ r: 1, id });
    payload = await show(admin, id);
    expect(payload.short_description).toBe(description);

    r = await user.post('/api/v1/incidents/update', { ...payload, tags: [...payload.tags, 'sample_tag'] });
    expect(r.status).toBe(200);
    payload = await show(admin, id);
    expect(payload.tags).toEqual(['sample_tag']);

    payload.published = true;
    expect((await user.post('/api/v1/incidents/update', payload)).status).toBe(403);
    expect((await show(admin, id)).published).toBe(false);
    r = await admin.post('/api/v1/incidents/update', payload);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ r: 1, id });
    expect((await show(admin, id)).published).toBe(true);
  });

  it('should show and list with mine, hidden emails and the newer keys (test_oonifinding_workflow)', async () => {
    await create(admin);
    const id = await create(admin);
    const withText = [...FINDING_KEYS, 'text'].sort();

    expect((await anon.get(`/api/v1/incidents/show/${id}`)).status).toBe(404);
    // Deliberate change: another user does not see an unpublished finding either.
    expect((await otherUser.get(`/api/v1/incidents/show/${id}`)).status).toBe(404);
    let incident = await show(admin, id);
    expect(incident.mine).toBe(true);
    expect(incident.email_address).toBe(SAMPLE_EMAIL);
    expect(Object.keys(incident).sort()).toEqual(withText);

    expect((await admin.post('/api/v1/incidents/publish', incident)).body.r).toBe(1);

    for (const viewer of [anon, otherUser]) {
      incident = await show(viewer, id);
      expect(incident.mine).toBe(false);
      expect(incident.email_address).toBe('');
      expect(Object.keys(incident).sort()).toEqual(withText);
    }
    incident = await show(admin, id);
    expect(incident.mine).toBe(true);
    expect(incident.email_address).toBe(SAMPLE_EMAIL);

    const search = async (by: IncidentsCaller, onlyMine: boolean): Promise<FindingJson[]> => {
      const r = await by.get(`/api/v1/incidents/search?only_mine=${onlyMine}`);
      expect(r.status).toBe(200);
      for (const i of r.body.incidents) expect(Object.keys(i).sort()).toEqual([...FINDING_KEYS].sort());
      return r.body.incidents as FindingJson[];
    };
    const listed = await search(anon, false);
    expect(listed.map((i) => [i.id, i.email_address, i.mine])).toEqual([[id, '', false]]);
    // Deliberate change: the other user's view equals the anonymous one (newer API: 2).
    expect((await search(otherUser, false)).map((i) => i.id)).toEqual([id]);
    const all = await search(admin, false);
    expect(all).toHaveLength(2);
    expect(all.every((i) => i.email_address === SAMPLE_EMAIL && i.mine === true)).toBe(true);

    expect(await search(anon, true)).toHaveLength(0);
    expect(await search(otherUser, true)).toHaveLength(0);
    const mineAsUser = await search(user, true);
    expect(mineAsUser).toHaveLength(2);
    expect(mineAsUser.every((i) => i.email_address === '' && i.mine === true)).toBe(true);
    const mineAsAdmin = await search(admin, true);
    expect(mineAsAdmin).toHaveLength(2);
    expect(mineAsAdmin.every((i) => i.email_address === SAMPLE_EMAIL && i.mine === true)).toBe(true);
  });

  it('should store themes, slug and times and filter on them (test_oonifinding_create)', async () => {
    const start = minutesFromNow(-1);
    const end = minutesFromNow(30 * 24 * 60);
    const id = await create(admin, {
      themes: ['social_media'],
      CCs: ['IT', 'GR'],
      domains: ['www.facebook.com'],
      slug: 'this-is-my-slug',
      ASNs: [1234],
      published: true,
      start_time: start,
      end_time: end,
    });
    const incident = await show(anon, id);
    expect(incident.themes).toEqual(['social_media']);
    expect(incident.start_time).toBe(start);
    expect(incident.end_time).toBe(end);
    expect((await show(anon, 'this-is-my-slug')).id).toBe(id);

    const found = async (qs: string): Promise<FindingJson[]> => {
      const r = await anon.get(`/api/v1/incidents/search?${qs}`);
      expect(r.status).toBe(200);
      return r.body.incidents as FindingJson[];
    };
    for (const qs of ['theme=social_media', 'country_code=IT', 'domain=www.facebook.com', 'asn=1234']) {
      const list = await found(qs);
      expect(list).toHaveLength(1);
      expect(list[0].themes).toEqual(['social_media']);
    }
    expect(await found('domain=example.com')).toHaveLength(0);
  });
});
