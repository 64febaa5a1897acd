import { SessionTokenService } from '../src/common/auth/session-token.service';
import { AuthService } from '../src/modules/auth/auth.service';
import { PrioService } from '../src/modules/prio/prio.service';
import { BenchApp, startBenchApp } from './bench-app';
import { formatLoad, runLoad } from './load';

const AUTHOR = 'bench@example.org';

/** Creates a link as a logged-in user; returns its id. */
async function createLink(t: BenchApp, nettests: unknown[]): Promise<string> {
  const accountId = t.app.get(AuthService).accountIdOf(AUTHOR);
  const token = t.app.get(SessionTokenService).issue(accountId, 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
  const res = await fetch(`${t.url}/api/v2/oonirun/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      name: 'Websites',
      short_description: 'Test the blocking of websites',
      description: 'The prioritized test list, as the Websites card',
      author: AUTHOR,
      nettests,
    }),
  });
  if (res.status !== 200) throw new Error(`cannot create the link: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { oonirun_link_id: string }).oonirun_link_id;
}

/**
 * The engine descriptor runs at every probe launch of a link. A `targets_name` link (the
 * full bundled CitizenLab list, default rules, a probe in IT charging: 100 URLs) against its
 * ceilings in the same run: check-in with the same ranking and budget, and the engine
 * descriptor of a link with fixed inputs (the link lookup alone).
 */
export async function runOonirunEngineDescriptorBench(): Promise<void> {
  const t = await startBenchApp({ scheduler: { enabled: true }, prio: { counters_cache_s: 30 } });
  try {
    await t.app.get(PrioService).refresh();
    const dynamic = await createLink(t, [{ test_name: 'web_connectivity', targets_name: 'websites_list_prioritized' }]);
    const fixed = await createLink(t, [{ test_name: 'web_connectivity', inputs: ['https://example.org/'] }]);
    const probe = { run_type: 'timed', is_charging: true, probe_cc: 'IT', probe_asn: 'AS30722', network_type: 'wifi' };
    const checkIn = { probe_cc: 'IT', probe_asn: 'AS30722', run_type: 'timed', charging: true, web_connectivity: {} };
    const cases: Array<[string, string, unknown]> = [
      ['POST engine-descriptor (targets_name, 100 URLs)', `/api/v2/oonirun/links/${dynamic}/engine-descriptor/latest`, probe], // prettier-ignore
      ['POST /api/v1/check-in (same list, ceiling)', '/api/v1/check-in', checkIn],
      ['POST engine-descriptor (fixed inputs)', `/api/v2/oonirun/links/${fixed}/engine-descriptor/latest`, probe],
    ];
    console.log('\n# OONI Run engine descriptor (full CitizenLab list, default rules, probe in IT)');
    for (const connections of [1, 16]) {
      for (const [label, path, body] of cases) {
        const r = await runLoad({
          url: `${t.url}${path}`,
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
          connections,
        });
        console.log(formatLoad(`${label}, ${connections} conn`, r));
      }
    }
  } finally {
    await t.close();
  }
}
