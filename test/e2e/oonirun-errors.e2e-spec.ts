import { OonirunClient } from '../helpers/oonirun-client';
import { startTestApp, TestApp } from '../helpers/test-app';

const USER = 'oonitarian@example.com';
const LINKS = '/api/v2/oonirun/links';
const MAX_INPUTS = 5;
const PROBE = { is_charging: true, run_type: 'timed', probe_cc: 'IT', probe_asn: 'AS30722', network_type: 'wifi' };

const link = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'Errors',
  short_description: 'Bad input handling',
  description: 'Every bad input is a 4xx',
  author: USER,
  nettests: [{ test_name: 'web_connectivity', inputs: ['https://example.org/'] }],
  ...overrides,
});
const nettest = (n: Record<string, unknown>): Record<string, unknown> => link({ nettests: [n] });

describe('OONI Run bad input', () => {
  let t: TestApp;
  let c: OonirunClient;
  let user: string;
  let id = '';

  beforeAll(async () => {
    t = await startTestApp({ oonirun: { max_inputs: MAX_INPUTS } });
    c = new OonirunClient(t);
    user = c.token(USER);
    const res = await c.post<{ oonirun_link_id: string }>(LINKS, link(), user);
    expect(res.status).toBe(200);
    id = res.body.oonirun_link_id;
  });
  afterAll(async () => t.close());

  const expectError = (res: { status: number; body: unknown }, status: number, message?: RegExp): void => {
    expect(res.status).toBe(status);
    const body = res.body as { error?: unknown };
    expect(typeof body.error).toBe('string');
    if (message) expect(body.error).toMatch(message);
  };

  it.each([
    ['an unknown test name', nettest({ test_name: 'no_such_test' }), /unknown test_name/],
    ['a bad colour', link({ color: 'blue' }), /color/],
    ['a 3-digit colour', link({ color: '#fff' }), /color/],
    ['an expiration in the past', link({ expiration_date: '2020-01-01T00:00:00Z' }), /future/],
    ['an expiration that is not a date', link({ expiration_date: 'tomorrow' }), /expiration_date/],
    ['too many inputs', nettest({ test_name: 'dnscheck', inputs: Array(MAX_INPUTS + 1).fill('x') }), /Too many inputs/],
    ['targets_name with inputs', nettest({ test_name: 'web_connectivity', targets_name: 'websites_list_prioritized', inputs: [] }), /targets_name/], // prettier-ignore
    ['targets_name with inputs_extra', nettest({ test_name: 'web_connectivity', targets_name: 'websites_list_prioritized', inputs_extra: [{}] }), /targets_name/], // prettier-ignore
    [
      'an unknown targets_name',
      nettest({ test_name: 'web_connectivity', targets_name: 'example_name' }),
      /targets_name/,
    ],
    ['inputs_extra of another length', nettest({ test_name: 'openvpn', inputs: ['a', 'b'], inputs_extra: [{}] }), /same length/], // prettier-ignore
    ['a one-letter name', link({ name: 'x' }), /name/],
    ['an empty translation', link({ name_intl: { it: '' } }), /name_intl/],
    ['a translation that is not text', link({ description_intl: { it: 42 } }), /description_intl/],
    ['no nettests', link({ nettests: [] }), /nettests/],
    ['nettests that are not a list', link({ nettests: 'web_connectivity' }), /nettests/],
    ['inputs that are not strings', nettest({ test_name: 'dnscheck', inputs: [1, 2] }), /inputs/],
    ['no author', link({ author: undefined }), /author/],
    [
      'a descriptor over 8 MiB',
      nettest({ test_name: 'dnscheck', options: { blob: 'x'.repeat(9 << 20) } }),
      /too large/,
    ],
  ])('should answer 422 to %s', async (_what, body, message) => {
    expectError(await c.post(LINKS, body, user), 422, message);
  });

  it('should answer 4xx to bodies that are not a JSON object', async () => {
    const malformed = await c.request('POST', LINKS, { rawBody: '{"name": ', token: user });
    expectError(malformed, 400);
    expectError(await c.post(LINKS, [link()], user), 422, /JSON object/);
    expectError(await c.post(LINKS, 'a string', user), 422, /JSON object/);
    expectError(await c.request('POST', `${LINKS}/${id}/engine-descriptor/latest`, { rawBody: 'null' }), 422);
  });

  it('should require a session to create or edit, and the author to be the user', async () => {
    expectError(await c.post(LINKS, link()), 401);
    expectError(await c.post(LINKS, link(), 'forged.token.value'), 401);
    expectError(await c.post(LINKS, link({ author: 'not-me@example.org' }), user), 400, /email_address/);
    expectError(await c.put(`${LINKS}/${id}`, link()), 401);
  });

  it('should answer 400 to link ids that are not integers and 404 to unknown ones', async () => {
    for (const bad of ['abc', '-1', '1.5', '123456789012345678901', '1e3']) {
      expectError(await c.get(`${LINKS}/${bad}`), 400, /integer/);
      expectError(await c.get(`${LINKS}/${bad}/revisions`), 400);
      expectError(await c.put(`${LINKS}/${bad}`, link(), user), 400);
      expectError(await c.get(`/api/_/ooni_run/fetch/${bad}`), 400);
    }
    expectError(await c.get(`${LINKS}/1234676871672836187`), 404, /not found/);
    expectError(await c.get(`${LINKS}/404/revisions`), 404);
    expectError(await c.get(`${LINKS}/404/full-descriptor/latest`), 404);
    expectError(await c.post(`${LINKS}/404/engine-descriptor/latest`, PROBE), 404);
    expectError(await c.put(`${LINKS}/404`, link(), user), 404);
  });

  it('should answer 422 to revisions that are not numbers and 404 to unknown ones', async () => {
    expectError(await c.get(`${LINKS}/${id}/full-descriptor/notarevision`), 422, /latest/);
    expectError(await c.post(`${LINKS}/${id}/engine-descriptor/-1`, PROBE), 422);
    expectError(await c.get(`${LINKS}/${id}/full-descriptor/2`), 404, /revision/);
    expectError(await c.get(`${LINKS}/${id}/full-descriptor/0`), 404);
    expectError(await c.post(`${LINKS}/${id}/engine-descriptor/99999999`, PROBE), 404);
  });

  it('should answer 422 to list flags that are not booleans', async () => {
    expectError(await c.get(`${LINKS}?is_expired=maybe`), 422, /is_expired/);
    expect((await c.get(`${LINKS}?is_expired=1&only_latest=no`)).status).toBe(200);
  });

  it.each([
    ['a bad run_type', { ...PROBE, run_type: 'bad' }],
    ['a bad network_type', { ...PROBE, network_type: 'bad' }],
    ['a bad probe_asn', { ...PROBE, probe_asn: 'ASX' }],
    ['a bad probe_cc', { ...PROBE, probe_cc: 'ITA' }],
    ['no is_charging', { ...PROBE, is_charging: undefined }],
    ['bad category codes', { ...PROBE, website_category_codes: ['NEWS;DROP'] }],
    ['too many category codes', { ...PROBE, website_category_codes: Array(101).fill('NEWS') }],
  ])('should answer 422 to an engine-descriptor request with %s', async (_what, body) => {
    expectError(await c.post(`${LINKS}/${id}/engine-descriptor/latest`, body), 422);
  });

  it('should check the optional useragent header and accept every network type', async () => {
    const url = `${LINKS}/${id}/engine-descriptor/latest`;
    const good = 'ooniprobe-android-unattended,3.8.2,android,ooniprobe-engine,3.17.2,ooniprobe-engine_1.2.3';
    expect((await c.request('POST', url, { body: PROBE, headers: { useragent: good } })).status).toBe(200);
    const bad = good.split(',').slice(0, 5).join(',');
    expectError(await c.request('POST', url, { body: PROBE, headers: { useragent: bad } }), 422, /Expected format/);
    for (const networkType of [
      'vpn',
      'wifi',
      'mobile',
      'wired_ethernet',
      'no_internet',
      'bluetooth',
      'usb',
      'unknown',
    ]) {
      expect((await c.post(url, { ...PROBE, network_type: networkType })).status).toBe(200);
    }
  });

  it('should answer the legacy 400s of the v1 routes', async () => {
    expect(await c.get('/api/_/ooni_run/fetch/999999999999999')).toMatchObject({
      status: 400,
      body: { error: 'oonirun descriptor not found' },
    });
    expectError(await c.post('/api/_/ooni_run/create', { name: '', author: USER }, user), 400, /name/);
    const emptyTranslation = { name: 'v1', author: USER, name_intl: { it: '' } };
    expectError(await c.post('/api/_/ooni_run/create', emptyTranslation, user), 400, /translation/);
    expectError(await c.post('/api/_/ooni_run/create', ['not', 'an', 'object'], user), 400);
    expectError(await c.post('/api/_/ooni_run/create', { name: 'v1', author: USER }), 401);
    expectError(await c.get(`/api/_/ooni_run/fetch/${id}?creation_time=yesterday`), 400, /creation_time/);
    expectError(await c.get('/api/_/ooni_run/list?ooni_run_link_id=1,abc'), 400);
    expectError(await c.request('POST', '/api/_/ooni_run/archive/404', { token: user }), 400, /not found/);
  });
});
