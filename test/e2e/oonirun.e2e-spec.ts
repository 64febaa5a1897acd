import { SessionExpungeRepository } from '../../src/common/auth/session-expunge.repository';
import { AuthService } from '../../src/modules/auth/auth.service';
import { PrioService } from '../../src/modules/prio/prio.service';
import examples from '../fixtures/oonirun/bk-005-examples.json';
import { OonirunClient } from '../helpers/oonirun-client';
import { startTestApp, TestApp } from '../helpers/test-app';

type Link = Record<string, unknown> & {
  oonirun_link_id: string;
  revision: string;
  nettests: Array<Record<string, unknown>>;
  is_mine: boolean;
  is_expired: boolean;
};
interface EngineDescriptor {
  revision: string;
  date_created: string;
  nettests: Array<{
    test_name: string;
    targets_name: string | null;
    inputs: string[];
    inputs_extra: Array<Record<string, string>>;
  }>;
}

const USER = 'oonitarian@example.com';
const OTHER = 'someone.else@example.org';
const ADMIN = 'admin@example.org';
const LINKS = '/api/v2/oonirun/links';
const MAX_INPUTS = 50;

/** bk-005 4.4 request example: a probe in Italy. */
const PROBE = {
  is_charging: true,
  run_type: 'manual',
  probe_cc: 'IT',
  probe_asn: 'AS30722',
  network_type: 'wifi',
  website_category_codes: [] as string[],
};

function newLink(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Italian news sites',
    name_intl: { it: 'Siti di notizie italiani' },
    short_description: 'Test the blocking of news sites',
    short_description_intl: { it: 'Verifica il blocco dei siti di notizie' },
    description: 'Runs **web_connectivity** on the prioritized list',
    description_intl: { it: 'Esegue **web_connectivity** sulla lista prioritizzata' },
    author: USER,
    icon: 'OONINettestGroupWebsites',
    color: '#3b82f6',
    nettests: [
      { test_name: 'web_connectivity', targets_name: 'websites_list_prioritized', options: { HTTP3Enabled: true } },
      { test_name: 'dnscheck', inputs: ['https://dns.google/dns-query'], inputs_extra: [{}] },
    ],
    ...overrides,
  };
}

describe('OONI Run', () => {
  let t: TestApp;
  let c: OonirunClient;
  let user: string;
  let other: string;
  let admin: string;

  beforeAll(async () => {
    // scheduler.enabled: this process seeds the bundled CitizenLab list, as the jobs host does.
    t = await startTestApp({ scheduler: { enabled: true }, oonirun: { max_inputs: MAX_INPUTS } });
    c = new OonirunClient(t);
    user = c.token(USER);
    other = c.token(OTHER);
    admin = c.token(ADMIN, 'admin');
  });
  afterAll(async () => t.close());

  describe('bk-005 examples', () => {
    it.each(Object.entries(examples))('should round-trip the %s card', async (_title, example) => {
      const author = c.token(example.author);
      const created = await c.post<Link>(LINKS, example, author);
      expect(created.status).toBe(200);
      const got = await c.get<Link>(`${LINKS}/${created.body.oonirun_link_id}`);
      expect(got.status).toBe(200);
      for (const body of [created.body, got.body]) {
        expect(body).toMatchObject({ name: example.name, short_description: example.short_description });
        expect(body).toMatchObject({ icon: example.icon, author: example.author, revision: '1', is_expired: false });
        expect(body.nettests).toEqual(
          example.nettests.map((n: Record<string, unknown>) => ({
            test_name: n.test_name,
            inputs: n.inputs ?? null,
            inputs_extra: n.inputs_extra ?? null,
            options: {},
            targets_name: null,
            is_manual_run_enabled_default: n.is_manual_run_enabled,
            is_background_run_enabled_default: n.is_background_run_enabled,
          })),
        );
      }
      expect(got.body.is_mine).toBe(false);
      expect(created.body.is_mine).toBe(true);
    });
  });

  describe('a link through its life', () => {
    let id = '';
    let first: Link;

    it('should create a link with the fields bk-005 lists and revision 1', async () => {
      const res = await c.post<Link>(LINKS, newLink(), user);
      expect(res.status).toBe(200);
      first = res.body;
      id = first.oonirun_link_id;
      expect(id).toMatch(/^\d+$/);
      expect(Number(id)).toBeGreaterThanOrEqual(10000);
      expect(Object.keys(first).sort()).toEqual(
        [
          'author', 'color', 'date_created', 'date_updated', 'description', 'description_intl', 'expiration_date',
          'icon', 'is_expired', 'is_mine', 'name', 'name_intl', 'nettests', 'oonirun_link_id', 'revision',
          'short_description', 'short_description_intl',
        ].sort(), // prettier-ignore
      );
      expect(first).toMatchObject({ revision: '1', is_mine: true, is_expired: false, color: '#3b82f6' });
      expect(first.nettests[0]).toEqual({
        test_name: 'web_connectivity',
        targets_name: 'websites_list_prioritized',
        inputs: null,
        inputs_extra: null,
        options: { HTTP3Enabled: true },
        is_background_run_enabled_default: false,
        is_manual_run_enabled_default: false,
      });
      // Six months by default.
      const days = (Date.parse(first.expiration_date as string) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(179);
      expect(days).toBeLessThan(181);
    });

    it('should tell the owner is_mine, not an anonymous caller nor an expunged session', async () => {
      expect((await c.get<Link>(`${LINKS}/${id}`, user)).body.is_mine).toBe(true);
      expect((await c.get<Link>(`${LINKS}/${id}`)).body.is_mine).toBe(false);
      expect((await c.get<Link>(`${LINKS}/${id}`, 'not.a.token')).body.is_mine).toBe(false);
      const stale = c.token(USER);
      await new Promise((r) => setTimeout(r, 1100));
      await t.app.get(SessionExpungeRepository).expungeNow(t.app.get(AuthService).accountIdOf(USER));
      const res = await c.get<Link>(`${LINKS}/${id}`, stale);
      expect(res.status).toBe(200);
      expect(res.body.is_mine).toBe(false);
      await new Promise((r) => setTimeout(r, 1100));
      user = c.token(USER);
      expect((await c.get<Link>(`${LINKS}/${id}`, user)).body.is_mine).toBe(true);
    });

    it('should make revision 2 when the nettests change', async () => {
      const edit = newLink({ nettests: [...(newLink().nettests as object[]), { test_name: 'signal' }] });
      const res = await c.put<Link>(`${LINKS}/${id}`, edit, user);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ oonirun_link_id: id, revision: '2' });
      expect(res.body.nettests.map((n) => n.test_name)).toEqual(['web_connectivity', 'dnscheck', 'signal']);
      expect(Date.parse(res.body.date_created as string)).toBeGreaterThan(Date.parse(first.date_created as string));
    });

    it('should keep revision 2 when only translations change', async () => {
      const before = (await c.get<Link>(`${LINKS}/${id}`)).body;
      const edit = {
        ...before,
        description_intl: { it: 'Una *nuova* descrizione', es: 'Una descripción' },
        name: 'Italian news',
      };
      const res = await c.put<Link>(`${LINKS}/${id}`, edit, user);
      expect(res.status).toBe(200);
      const after = (await c.get<Link>(`${LINKS}/${id}`)).body;
      expect(after).toMatchObject({ revision: '2', name: 'Italian news', date_created: before.date_created });
      expect(after.description_intl).toEqual({ it: 'Una *nuova* descrizione', es: 'Una descripción' });
      expect(Date.parse(after.date_updated as string)).toBeGreaterThan(Date.parse(before.date_updated as string));
    });

    it('should list the revisions newest first and serve each full descriptor', async () => {
      expect((await c.get(`${LINKS}/${id}/revisions`)).body).toEqual({ revisions: ['2', '1'] });
      const r1 = (await c.get<Link>(`${LINKS}/${id}/full-descriptor/1`)).body;
      expect(r1).toMatchObject({ revision: '1', date_created: first.date_created, name: 'Italian news' });
      expect(r1.nettests).toEqual(first.nettests);
      const latest = (await c.get<Link>(`${LINKS}/${id}/full-descriptor/latest`, user)).body;
      expect(latest).toMatchObject({ revision: '2', is_mine: true });
      expect(latest.nettests).toHaveLength(3);
      expect(latest).toEqual((await c.get<Link>(`${LINKS}/${id}`, user)).body);
    });

    it('should fill targets_name inputs for a probe in IT with the check-in ranking', async () => {
      const prio = t.app.get(PrioService);
      const random = prio.random;
      prio.random = () => 0.5; // pin the tie-breaking so both lists are comparable
      try {
        const res = await c.post<EngineDescriptor>(`${LINKS}/${id}/engine-descriptor/latest`, PROBE);
        expect(res.status).toBe(200);
        expect(res.headers.get('vary')).toMatch(/X-OONI-Credentials/i);
        expect(res.body).toMatchObject({
          revision: '2',
          date_created: (await c.get<Link>(`${LINKS}/${id}`)).body.date_created,
        });
        const [web, dnscheck, signal] = res.body.nettests;
        expect(dnscheck.inputs).toEqual(['https://dns.google/dns-query']);
        expect(signal).toMatchObject({ test_name: 'signal', inputs: null });
        expect(web.targets_name).toBe('websites_list_prioritized');
        const checkIn = await c.post<{ tests: { web_connectivity: { urls: Array<Record<string, string>> } } }>(
          '/api/v1/check-in',
          { probe_cc: 'IT', probe_asn: 'AS30722', run_type: 'manual', charging: true, web_connectivity: {} },
        );
        const urls = checkIn.body.tests.web_connectivity.urls;
        expect(urls.length).toBeGreaterThan(100);
        expect(web.inputs).toEqual(urls.map((u) => u.url));
        expect(web.inputs_extra).toEqual(
          urls.map((u) => ({ category_code: u.category_code, country_code: u.country_code })),
        );
        expect(new Set(web.inputs_extra.map((e) => e.country_code))).toEqual(new Set(['IT', 'XX']));
      } finally {
        prio.random = random;
      }
    });

    it('should give timed runs check-in budgets and honour category codes', async () => {
      const url = `${LINKS}/${id}/engine-descriptor/2`;
      const battery = await c.post<EngineDescriptor>(url, { ...PROBE, run_type: 'timed', is_charging: false });
      expect(battery.body.nettests[0].inputs).toHaveLength(20);
      const charging = await c.post<EngineDescriptor>(url, { ...PROBE, run_type: 'timed' });
      expect(charging.body.nettests[0].inputs).toHaveLength(100);
      const news = await c.post<EngineDescriptor>(url, { ...PROBE, website_category_codes: ['NEWS'] });
      const extra = news.body.nettests[0].inputs_extra;
      expect(extra.length).toBeGreaterThan(0);
      expect(extra.every((e) => e.category_code === 'NEWS')).toBe(true);
      const r1 = await c.post<EngineDescriptor>(`${LINKS}/${id}/engine-descriptor/1`, PROBE);
      expect(r1.body.revision).toBe('1');
      expect(r1.body.nettests.map((n) => n.test_name)).toEqual(['web_connectivity', 'dnscheck']);
    });

    it('should refuse edits from another user (403) and accept them from an admin', async () => {
      const current = (await c.get<Link>(`${LINKS}/${id}`)).body;
      const byOther = await c.put(`${LINKS}/${id}`, { ...current, author: OTHER }, other);
      expect(byOther.status).toBe(403);
      expect(byOther.body).toEqual({ error: 'You are not allowed to edit this OONI Run link' });
      const wrongAuthor = await c.put(`${LINKS}/${id}`, { ...current, author: OTHER }, user);
      expect(wrongAuthor.status).toBe(403);
      const byAdmin = await c.put<Link>(
        `${LINKS}/${id}`,
        { ...current, short_description: 'Edited by an admin' },
        admin,
      );
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toMatchObject({ short_description: 'Edited by an admin', revision: '2', is_mine: false });
      expect((await c.get<Link>(`${LINKS}/${id}`, user)).body.is_mine).toBe(true);
    });

    it('should expire a link, list it only with is_expired, and refuse further edits', async () => {
      const listed = async (qs: string, token?: string): Promise<string[]> =>
        (await c.get<{ oonirun_links: Link[] }>(`${LINKS}${qs}`, token)).body.oonirun_links.map(
          (l) => l.oonirun_link_id,
        );
      expect(await listed('')).toContain(id);
      const current = (await c.get<Link>(`${LINKS}/${id}`)).body;
      const past = new Date(Date.now() - 60_000).toISOString();
      const res = await c.put<Link>(`${LINKS}/${id}`, { ...current, expiration_date: past }, user);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ is_expired: true, revision: '2' });
      expect((await c.get<Link>(`${LINKS}/${id}`)).body.is_expired).toBe(true);
      expect(await listed('')).not.toContain(id);
      expect(await listed('?is_expired=true')).toContain(id);
      expect(await listed('?is_expired=true&is_mine=true', user)).toContain(id);
      expect(await listed('?is_expired=true&is_mine=true', other)).not.toContain(id);
      expect(await listed('?is_expired=true&is_mine=true')).toEqual([]);
      const all = await c.get<{ oonirun_links: Link[] }>(`${LINKS}?is_expired=true&only_latest=false`);
      expect(all.body.oonirun_links.filter((l) => l.oonirun_link_id === id).map((l) => l.revision)).toEqual(['2', '1']);
      const again = await c.put(`${LINKS}/${id}`, { ...current, name: 'Too late' }, user);
      expect(again.status).toBe(403);
      expect(again.body).toEqual({ error: 'OONI Run link has expired and cannot be edited' });
    });

    it('should show the same link to the v1 routes', async () => {
      const fetched = await c.get<Record<string, unknown> & { descriptor: Record<string, unknown> }>(
        `/api/_/ooni_run/fetch/${id}`,
        user,
      );
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({ v: 1, archived: true, mine: true });
      expect(fetched.body.descriptor).toMatchObject({ name: 'Italian news', author: USER });
      expect((fetched.body.descriptor.nettests as unknown[]).length).toBe(3);
      const revision1 = await c.get<Record<string, unknown> & { descriptor: Record<string, unknown> }>(
        `/api/_/ooni_run/fetch/${id}?creation_time=${encodeURIComponent(first.date_created as string)}`,
      );
      expect(revision1.status).toBe(200);
      expect(revision1.body.descriptor_creation_time).toBe(first.date_created);
      expect((revision1.body.descriptor.nettests as unknown[]).length).toBe(2);
      const list = await c.get<{ descriptors: Array<Record<string, unknown>> }>(
        `/api/_/ooni_run/list?ooni_run_link_id=${id}&include_archived=1`,
      );
      expect(list.status).toBe(200);
      expect(list.body.descriptors.map((d) => d.ooni_run_link_id)).toEqual([Number(id), Number(id)]);
      expect(list.body.descriptors.every((d) => d.archived === true && d.mine === false)).toBe(true);
    });
  });
  describe('concurrent writes', () => {
    it('should give parallel creates distinct ids and keep every parallel revision', async () => {
      const created = await Promise.all(
        Array.from({ length: 6 }, (_, i) => c.post<Link>(LINKS, newLink({ name: `Parallel ${i}` }), user)),
      );
      expect(created.map((r) => r.status)).toEqual(Array(6).fill(200));
      const ids = created.map((r) => r.body.oonirun_link_id);
      expect(new Set(ids).size).toBe(6);
      const id = ids[0];
      const edits = await Promise.all(
        ['signal', 'telegram', 'whatsapp', 'tor'].map((testName) =>
          c.put<Link>(`${LINKS}/${id}`, newLink({ nettests: [{ test_name: testName }] }), user),
        ),
      );
      expect(edits.map((r) => r.body.revision).sort()).toEqual(['2', '3', '4', '5']);
      expect((await c.get(`${LINKS}/${id}/revisions`)).body).toEqual({ revisions: ['5', '4', '3', '2', '1'] });
      const names = await Promise.all(
        ['1', '2', '3', '4', '5'].map(
          async (r) => (await c.get<Link>(`${LINKS}/${id}/full-descriptor/${r}`)).body.nettests[0].test_name,
        ),
      );
      expect(names[0]).toBe('web_connectivity');
      expect(new Set(names.slice(1))).toEqual(new Set(['signal', 'telegram', 'whatsapp', 'tor']));
    });
  });
});
