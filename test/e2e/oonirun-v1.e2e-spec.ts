import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { OonirunClient } from '../helpers/oonirun-client';
import { startTestApp, TestApp } from '../helpers/test-app';

interface V1Fetch {
  archived: boolean;
  descriptor: Record<string, unknown>;
  descriptor_creation_time: string;
  translation_creation_time: string;
  mine: boolean;
  v: number;
}
type V1List = { v: number; descriptors: Array<Record<string, unknown>> };
type Link = Record<string, unknown> & { oonirun_link_id: string; revision: string; nettests: unknown[] };

const USER = 'oonitarian@example.com';
const OTHER = 'someone.else@example.org';

/** A descriptor in the shape the legacy (v1) editor posted: free-text author, no color or expiration. */
const V1_DESCRIPTOR = {
  name: 'Messaging apps in Spanish',
  name_intl: { es: 'Aplicaciones de mensajería' },
  description: 'Checks messaging apps and two sites',
  description_intl: { es: 'Comprueba aplicaciones de mensajería y dos sitios' },
  short_description: 'Messaging apps',
  short_description_intl: { es: 'Mensajería' },
  icon: 'OONINettestGroupInstantMessaging',
  author: 'A campaign organiser',
  nettests: [
    {
      inputs: ['https://www.example.net/', 'https://www.example.com/'],
      options: { HTTP3Enabled: true },
      test_name: 'web_connectivity',
    },
    { test_name: 'whatsapp' },
  ],
};

describe('OONI Run v1 descriptors and measurements of a link', () => {
  let t: TestApp;
  let c: OonirunClient;
  let user: string;
  let other: string;
  let id = 0;
  let created: V1Fetch;

  beforeAll(async () => {
    t = await startTestApp();
    c = new OonirunClient(t);
    user = c.token(USER);
    other = c.token(OTHER);
  });
  afterAll(async () => t.close());

  it('should create a v1 descriptor and fetch it back as posted', async () => {
    const res = await c.post<{ v: number; ooni_run_link_id: number }>('/api/_/ooni_run/create', V1_DESCRIPTOR, user);
    expect(res.status).toBe(200);
    expect(res.body.v).toBe(1);
    id = res.body.ooni_run_link_id;
    expect(typeof id).toBe('number');
    const fetched = await c.get<V1Fetch>(`/api/_/ooni_run/fetch/${id}`, user);
    expect(Object.keys(fetched.body).sort()).toEqual(
      ['archived', 'descriptor', 'descriptor_creation_time', 'mine', 'translation_creation_time', 'v'].sort(),
    );
    expect(fetched.body).toMatchObject({ v: 1, archived: false, mine: true, descriptor: V1_DESCRIPTOR });
    expect(fetched.body.descriptor_creation_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await c.get<V1Fetch>(`/api/_/ooni_run/fetch/${id}`)).body.mine).toBe(false);
    created = fetched.body;
  });

  it('should show the v1 descriptor as a v2 link', async () => {
    const res = await c.get<Link>(`/api/v2/oonirun/links/${id}`, user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      oonirun_link_id: String(id),
      name: V1_DESCRIPTOR.name,
      name_intl: V1_DESCRIPTOR.name_intl,
      description: V1_DESCRIPTOR.description,
      author: V1_DESCRIPTOR.author,
      icon: 'OONINettestGroupInstantMessaging',
      color: null,
      expiration_date: null,
      revision: '1',
      is_mine: true,
      is_expired: false,
      date_created: created.descriptor_creation_time,
    });
    expect(res.body.nettests).toEqual([
      {
        test_name: 'web_connectivity',
        inputs: ['https://www.example.net/', 'https://www.example.com/'],
        inputs_extra: null,
        options: { HTTP3Enabled: true },
        targets_name: null,
        is_background_run_enabled_default: false,
        is_manual_run_enabled_default: false,
      },
      expect.objectContaining({ test_name: 'whatsapp', inputs: null }),
    ]);
  });

  it('should update translations in place and make a version when the nettests change', async () => {
    const translated = { ...V1_DESCRIPTOR, description_intl: { es: 'Una descripción *nueva*' } };
    const res = await c.post(`/api/_/ooni_run/create?ooni_run_link_id=${id}`, translated, user);
    expect(res.body).toEqual({ v: 1, ooni_run_link_id: id });
    const after = (await c.get<V1Fetch>(`/api/_/ooni_run/fetch/${id}`)).body;
    expect(after.descriptor_creation_time).toBe(created.descriptor_creation_time);
    expect(after.translation_creation_time > created.translation_creation_time).toBe(true);
    expect(after.descriptor.description_intl).toEqual(translated.description_intl);

    const versioned = { ...translated, nettests: [{ test_name: 'signal' }] };
    await c.post(`/api/_/ooni_run/create?ooni_run_link_id=${id}`, versioned, user);
    expect((await c.get(`/api/v2/oonirun/links/${id}/revisions`)).body).toEqual({ revisions: ['2', '1'] });
    const old = await c.get<V1Fetch>(`/api/_/ooni_run/fetch/${id}?creation_time=${created.descriptor_creation_time}`);
    expect(old.body.descriptor.nettests).toEqual(V1_DESCRIPTOR.nettests);
    expect(old.body.descriptor.description_intl).toEqual(translated.description_intl);
  });

  it('should refuse new versions from another account, as legacy did', async () => {
    const res = await c.post(`/api/_/ooni_run/create?ooni_run_link_id=${id}`, V1_DESCRIPTOR, other);
    expect(res).toMatchObject({ status: 400, body: { error: 'OONIRun descriptor not found' } });
  });

  it('should list every version, the latest only, or the caller ones', async () => {
    const list = async (qs: string, token?: string): Promise<V1List> =>
      (await c.get<V1List>(`/api/_/ooni_run/list${qs}`, token)).body;
    const all = await list(`?ooni_run_link_id=${id}`, user);
    expect(all.descriptors).toHaveLength(2);
    expect(Object.keys(all.descriptors[0]).sort()).toEqual(
      [
        'archived', 'author', 'descriptor_creation_time', 'icon', 'mine', 'name', 'ooni_run_link_id',
        'short_description', 'translation_creation_time',
      ].sort(), // prettier-ignore
    );
    const times = all.descriptors.map((d) => d.descriptor_creation_time as string);
    expect(times).toEqual([...times].sort());
    expect((await list(`?ids=${id}&only_latest=true`)).descriptors).toHaveLength(1);
    expect((await list('?only_mine=1', user)).descriptors.every((d) => d.mine === true)).toBe(true);
    expect((await list('?only_mine=1', other)).descriptors).toEqual([]);
  });

  it('should let only the owner archive, and show the archive to v2 as expired', async () => {
    const denied = await c.request('POST', `/api/_/ooni_run/archive/${id}`, { token: other });
    expect(denied.status).toBe(403);
    const res = await c.request('POST', `/api/_/ooni_run/archive/${id}`, { token: user });
    expect(res).toMatchObject({ status: 200, body: { v: 1 } });
    expect((await c.get<V1Fetch>(`/api/_/ooni_run/fetch/${id}`)).body.archived).toBe(true);
    expect((await c.get<V1List>(`/api/_/ooni_run/list?ids=${id}`)).body.descriptors).toEqual([]);
    expect((await c.get<V1List>(`/api/_/ooni_run/list?ids=${id}&include_archived=1`)).body.descriptors).toHaveLength(2);
    expect((await c.get<Link>(`/api/v2/oonirun/links/${id}`)).body.is_expired).toBe(true);
  });

  it('should find the measurements of a link by its id in search and aggregation (Explorer filter)', async () => {
    const v2 = await c.post<Link>(
      '/api/v2/oonirun/links',
      {
        name: 'Measured link',
        short_description: 'Its measurements carry its id',
        description: 'Explorer filters on ooni_run_link_id',
        author: USER,
        nettests: [{ test_name: 'web_connectivity', inputs: ['https://example.org/'] }],
      },
      user,
    );
    const linkId = v2.body.oonirun_link_id;
    const rows = scoreFixtures();
    const fromLink = rows.slice(0, 7).map((r) => ({ ...r, ooni_run_link_id: Number(linkId) }));
    await insertFastpathRows(t.clickhouse, [...fromLink, ...rows.slice(7)]);
    const wide = 'since=2010-01-01&until=2030-01-01';
    const search = await c.get<{ results: Array<{ measurement_uid: string }> }>(
      `/api/v1/measurements?${wide}&limit=1000&ooni_run_link_id=${linkId}`,
    );
    expect(search.status).toBe(200);
    const expected = fromLink.filter((r) => r.probe_cc !== 'ZZ' && r.probe_asn !== 0).map((r) => r.measurement_uid);
    expect(expected.length).toBeGreaterThan(0);
    expect(search.body.results.map((r) => r.measurement_uid).sort()).toEqual(expected.sort());
    const agg = await c.get<{ result: { measurement_count: number } }>(
      `/api/v1/aggregation?${wide}&ooni_run_link_id=${linkId}`,
    );
    expect(agg.status).toBe(200);
    expect(agg.body.result.measurement_count).toBe(fromLink.length);
    const none = await c.get<{ results: unknown[] }>(`/api/v1/measurements?${wide}&ooni_run_link_id=${id}`);
    expect(none.body.results).toEqual([]);
  });
  it('should keep legacy ids beyond 2^53 exact, and number new links after them', async () => {
    const big = '9007199254740993'; // 2^53 + 1: not a safe JavaScript number
    await t.clickhouse.insert({
      table: 'oonirun',
      values: [
        {
          ooni_run_link_id: big,
          descriptor_creation_time: Date.UTC(2023, 5, 2, 12, 33, 43, 123),
          translation_creation_time: Date.UTC(2023, 5, 2, 12, 33, 43, 123),
          creator_account_id: 'f'.repeat(32),
          descriptor: JSON.stringify({ name: 'Legacy link', author: 'someone', nettests: [{ test_name: 'ndt' }] }),
          author: 'someone',
          name: 'Legacy link',
        },
      ],
      format: 'JSONEachRow',
    });
    const link = await c.get<Link>(`/api/v2/oonirun/links/${big}`);
    expect(link.body).toMatchObject({
      oonirun_link_id: big,
      name: 'Legacy link',
      date_created: '2023-06-02T12:33:43.123Z',
    });
    const fetched = await c.get<V1Fetch>(`/api/_/ooni_run/fetch/${big}?creation_time=2023-06-02T12:33:43.123Z`);
    expect(fetched.body.descriptor).toMatchObject({ name: 'Legacy link' });
    const listed = await c.get<V1List>(`/api/_/ooni_run/list?ooni_run_link_id=${big}`);
    expect(listed.body.descriptors.map((d) => d.ooni_run_link_id)).toEqual([big]);
    const created = await c.post<{ ooni_run_link_id: number | string }>('/api/_/ooni_run/create', V1_DESCRIPTOR, user);
    expect(created.body.ooni_run_link_id).toBe('9007199254740994');
  });
});
