import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { QuotaService } from '../../src/common/quotas/quota.service';
import { JobRunner } from '../../src/modules/scheduler/registry/job-runner';
import { loadMeasurement, OPEN_REPORT_REQUEST } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

const DASHBOARD = path.join(__dirname, '..', '..', 'ops', 'grafana', 'ooni-api.json');

interface Dashboard {
  panels: { type: string; title: string; targets?: { target: string }[] }[];
}

/**
 * The metric patterns a Graphite target reads, without StatsD's namespaces and the
 * dashboard's `$prefix`: `stats.timers.$prefix.ooni-api.http.*.upper_90` → `ooni-api.http.*`.
 */
function metricPatterns(target: string): string[] {
  const re = /stats(?:_counts)?(?:\.timers|\.gauges)?\.\$prefix\.([A-Za-z0-9_*.-]+)/g;
  return [...target.matchAll(re)].map((m) => m[1].replace(/\.(upper_90|mean|count|sum|median)$/, ''));
}

function patternRegExp(pattern: string): RegExp {
  const parts = pattern.split('.').map((p) => (p === '*' ? '[^.]+' : p.replace(/[-]/g, '\\-')));
  return new RegExp(`^${parts.join('\\.')}$`);
}

describe('Grafana dashboard (ops/grafana/ooni-api.json)', () => {
  let t: TestApp;
  let statsd: dgram.Socket;
  const received = new Set<string>();

  const post = (p: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${t.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    statsd = dgram.createSocket('udp4');
    statsd.on('message', (msg) => {
      for (const line of msg.toString('utf8').split('\n')) {
        const name = line.split(':')[0];
        if (name.startsWith('ooni.')) received.add(name.slice('ooni.'.length));
      }
    });
    await new Promise<void>((resolve) => statsd.bind(0, '127.0.0.1', resolve));
    t = await startTestApp({
      metrics: { enabled: true, statsd_host: '127.0.0.1', statsd_port: statsd.address().port, prefix: 'ooni' },
      quotas: { account_limits: { month_s: 1, week_s: 1, day_s: 1 } },
      // A source that cannot be read: the fingerprints job fails (never the internet).
      fingerprints_updater: { dns_url: 'file:///nonexistent/fingerprints_dns.csv' },
    });
  });
  afterAll(async () => {
    await t?.close();
    statsd?.close();
  });

  async function driveEveryComponent(): Promise<void> {
    expect((await post('/api/v1/check-in', { probe_cc: 'IT', probe_asn: 'AS3269', run_type: 'timed' })).status).toBe(
      200,
    );
    const register = await post('/api/v1/register', {
      password: 'p',
      platform: 'linux',
      probe_asn: 'AS1',
      probe_cc: 'IT',
      software_name: 'x',
      software_version: '1',
      supported_tests: ['web_connectivity'],
    });
    const { client_id } = (await register.json()) as { client_id: string };
    const forged = `${client_id.slice(0, -4)}AAAA`;
    expect((await post('/api/v1/login', { username: forged, password: 'p' })).status).toBe(401);
    expect((await post('/api/v1/login', { username: client_id, password: 'p' })).status).toBe(200);

    const open = await post('/report', OPEN_REPORT_REQUEST);
    const { report_id } = (await open.json()) as { report_id: string };
    const measurement = { ...loadMeasurement('report1.json'), report_id };
    expect((await post(`/report/${report_id}`, { format: 'json', content: measurement })).status).toBe(200);
    expect(
      (await post(`/report/${report_id}`, { format: 'json', content: { ...measurement, probe_cc: 'ZZ' } })).status,
    ).toBe(200);
    expect(
      (await post(`/report/${report_id}`, { format: 'json', content: { ...measurement, probe_asn: 'AS0' } })).status,
    ).toBe(200);
    expect((await post(`/report/${report_id}`, { format: 'json', content: 'not a measurement' })).status).toBe(400);

    // Scored and written by the fastpath: then search sees it.
    for (let i = 0; ; i++) {
      const res = await fetch(`${t.url}/api/v1/measurements?report_id=${report_id}`);
      if (((await res.json()) as { results: unknown[] }).results.length > 0) break;
      if (i > 100) throw new Error('the measurement was never scored');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await fetch(`${t.url}/api/v1/aggregation?probe_cc=US`)).status).toBe(200);
    // Jobs through the registry, as the scheduler runs them: one succeeds, one fails.
    await t.app.get(JobRunner).run('uploader', { all: true });
    await expect(t.app.get(JobRunner).run('fingerprints')).rejects.toThrow();
    // A heavy user: an account that has spent its budget gets a 429.
    const accountId = 'b'.repeat(32);
    const quotas = t.app.get(QuotaService);
    await quotas.consume(quotas.accountSubject(accountId), 10_000);
    const token = t.app.get(SessionTokenService).issue(accountId, 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    const refused = await fetch(`${t.url}/api/v1/measurements`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(429);
  }

  it('should use only metrics that the application emits', async () => {
    await driveEveryComponent();
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as Dashboard;
    const patterns = dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((x) => metricPatterns(x.target)));
    expect(patterns.length).toBeGreaterThan(15);
    // Metrics leave in datagrams flushed every metrics.flush_interval_ms (default 1 s), over UDP.
    const missingNow = (): string[] => patterns.filter((p) => ![...received].some((n) => patternRegExp(p).test(n)));
    for (let waited = 0; missingNow().length > 0 && waited < 5000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(missingNow()).toEqual([]);
  });
});
