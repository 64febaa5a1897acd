import { Controller, Get, HttpCode, Module, Post, Query } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { AuthCommonModule } from '../../src/common/auth/auth-common.module';
import { Public } from '../../src/common/auth/public.decorator';
import { SessionExpungeRepository } from '../../src/common/auth/session-expunge.repository';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { ClickhouseModule } from '../../src/common/clickhouse/clickhouse.module';
import { ConfigModule } from '../../src/common/config/config.module';
import { GeoipModule } from '../../src/common/geoip/geoip.module';
import { MetricsModule } from '../../src/common/metrics/metrics.module';
import { CLOCK, Clock } from '../../src/common/quotas/clock';
import { HOUR_MS } from '../../src/common/quotas/quota-budget';
import { QuotaService } from '../../src/common/quotas/quota.service';
import { QuotasModule } from '../../src/common/quotas/quotas.module';
import { SkipQuota } from '../../src/common/quotas/skip-quota.decorator';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { listenTestingModule } from '../helpers/test-app';
import { testConfig } from '../helpers/test-config';

const REPO_ROOT = path.join(__dirname, '..', '..');
const ADMIN_ID = '71e398652ecfb1be6a2359923c7df008';
const USER_ID = '9550f5d8a19e28b8b3eb09297e405f0d';
const EXPUNGED_ID = '3b0a5e6c0d1f4e2a9b8c7d6e5f4a3b2c';

class FakeClock implements Clock {
  t = Date.UTC(2030, 0, 1, 12, 10);
  now(): number {
    return this.t;
  }
}
const clock = new FakeClock();

/** Routes whose "work" moves the fake clock: a request that takes `ms` without sleeping. */
@Controller()
@Public()
class SlowController {
  @Get('api/v1/slow')
  slow(@Query('ms') ms: string): { ok: true } {
    clock.t += Number(ms);
    return { ok: true };
  }

  @Get('api/v1/slow_unmetered')
  @SkipQuota()
  slowUnmetered(@Query('ms') ms: string): { ok: true } {
    return this.slow(ms);
  }

  @Get('health')
  health(@Query('ms') ms: string): { ok: true } {
    return this.slow(ms);
  }

  @Post('report/:id')
  @HttpCode(200)
  report(@Query('ms') ms: string): { ok: true } {
    return this.slow(ms);
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

const LIMITS = {
  subnet_limits: { month_s: 100, week_s: 50, day_s: 1 },
  account_limits: { month_s: 100, week_s: 50, day_s: 2 },
  exempt_networks: ['192.0.2.0/24'],
};

async function startApp(varDir: string): Promise<{ app: NestFastifyApplication; url: string }> {
  const config = testConfig(varDir, { http: { trusted_proxies: ['127.0.0.1'] } });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      ClickhouseModule,
      MetricsModule,
      GeoipModule,
      // Global guards run in module order: quotas (429) before auth (401/403), as in AppModule.
      QuotasModule.forRoot(LIMITS),
      AuthCommonModule,
      SlowModule,
    ],
  })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  return listenTestingModule(moduleRef);
}

/** Another process opening the same LMDB directory: spends `ms` of `key` (0: only reads), prints the record. */
async function otherProcess(dir: string, key: string, ms: number): Promise<number[]> {
  const script = `
    const { QuotaStore } = require('./src/common/quotas/quota-store');
    const b = require('./src/common/quotas/quota-budget');
    const [dir, key, ms, now] = process.argv.slice(1);
    const limits = b.limitsMs(${JSON.stringify(LIMITS.subnet_limits)});
    const store = QuotaStore.open(dir);
    (async () => {
      if (Number(ms) > 0) await store.update(key, (r) => b.spend(b.currentBudget(r, b.hourIndex(+now), limits), +ms));
      process.stdout.write(JSON.stringify(b.currentBudget(store.get(key), b.hourIndex(+now), limits)));
      await store.close();
    })();`;
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', '-e', script, dir, key, String(ms), String(clock.now())],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`child failed: ${err}`);
  return JSON.parse(out) as number[];
}

describe('Quotas (e2e)', () => {
  let varDir: string;
  let app: NestFastifyApplication;
  let url: string;
  let quotas: QuotaService;

  /** One request from `ip` (through the trusted local proxy) that takes `ms`; waits until it is accounted. */
  async function call(ip: string, ms: number, p = '/api/v1/slow', init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${url}${p}?ms=${ms}`, {
      ...init,
      headers: { 'x-forwarded-for': ip, ...(init.headers as Record<string, string>) },
    });
    await res.arrayBuffer().catch(() => undefined);
    await quotas.idle();
    return res;
  }

  beforeAll(async () => {
    varDir = makeTempDir('ooni-quotas-');
    ({ app, url } = await startApp(varDir));
    quotas = app.get(QuotaService);
  });

  afterAll(async () => {
    await app?.close();
    removeDir(varDir);
  });

  it('should exhaust a /24 with slow requests, answer 429, and recover at the hourly replenish', async () => {
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 4; i++) {
      const res = await call('10.1.2.3', 300);
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
    }
    // Seconds left before each request: 1, 0.7, 0.4, 0.1 (floored); then nothing.
    expect(remaining).toEqual(['1', '0', '0', '0']);

    const refused = await fetch(`${url}/api/v1/slow?ms=0`, { headers: { 'x-forwarded-for': '10.1.2.200' } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'Quota exceeded' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    // The fake clock is at 12:10:01.2, the next replenish at 13:00:00.
    expect(retryAfter).toBe(50 * 60 - 1);
    // Another subnet is unaffected.
    expect((await call('10.1.3.1', 10)).status).toBe(200);

    clock.t += (retryAfter - 1) * 1000;
    expect((await call('10.1.2.3', 0)).status).toBe(429);
    clock.t += 1000;
    const back = await call('10.1.2.3', 0);
    expect(back.status).toBe(200);
    // 1 s a day comes back at 1/24 s an hour.
    expect(quotas.status(quotas.subnetSubject('10.1.2.9')!).remainingS).toBeCloseTo(1 / 24, 3);
  });

  it('should share a budget with another process using the same LMDB directory', async () => {
    const dir = path.join(varDir, 'quotas');
    // The other process spends this subnet's day: the server refuses it at once.
    await otherProcess(dir, '10.9.9.0/24', 5000);
    expect((await call('10.9.9.9', 0)).status).toBe(429);
    // The server spends; the other process sees it.
    expect((await call('10.8.8.8', 250)).status).toBe(200);
    const seen = await otherProcess(dir, '10.8.8.0/24', 0);
    expect(seen[3]).toBe(750);
  });

  it('should never meter probe submission, /health, @SkipQuota routes or exempt networks', async () => {
    await call('10.7.7.7', 5000);
    expect((await call('10.7.7.7', 0)).status).toBe(429);
    expect((await call('10.7.7.7', 5000, '/health')).status).toBe(200);
    expect((await call('10.7.7.7', 5000, '/report/20240101T000000Z_x', { method: 'POST', body: '{}' })).status).toBe(
      200,
    );
    expect((await call('10.7.7.7', 5000, '/api/v1/slow_unmetered')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call('192.0.2.10', 5000)).status).toBe(200);
    expect(quotas.summary().map(([key]) => key)).not.toContain('192.0.2.0/24');
  });

  it('should meter logged-in callers per account, and show the summary to admins only', async () => {
    const sessions = app.get(SessionTokenService);
    const opts = { sessionExpiryDays: 1, loginExpiryDays: 1 };
    const user = sessions.issue(USER_ID, 'user', opts);
    const admin = sessions.issue(ADMIN_ID, 'admin', opts);
    await call('10.6.6.6', 5000);
    // The subnet is spent, the account is not.
    const asUser = await call('10.6.6.6', 1500, '/api/v1/slow', { headers: { authorization: `Bearer ${user}` } });
    expect(asUser.status).toBe(200);
    expect(asUser.headers.get('x-ratelimit-remaining')).toBe('2');
    // A token that does not verify is an anonymous caller.
    const forged = await call('10.6.6.6', 0, '/api/v1/slow', { headers: { authorization: `Bearer ${user}x` } });
    expect(forged.status).toBe(429);
    // Quotas are checked before auth: a spent subnet gets 429 on a protected route, not 401.
    expect((await call('10.6.6.6', 0, '/api/_/quotas_summary')).status).toBe(429);

    expect((await call('10.5.5.5', 0, '/api/_/quotas_summary')).status).toBe(401);
    const asUserSummary = await call('10.5.5.5', 0, '/api/_/quotas_summary', {
      headers: { authorization: `Bearer ${user}` },
    });
    expect(asUserSummary.status).toBe(403);
    const summary = await fetch(`${url}/api/_/quotas_summary`, {
      headers: { authorization: `Bearer ${admin}`, 'x-forwarded-for': '10.5.5.5' },
    });
    expect(summary.status).toBe(200);
    const rows = (await summary.json()) as Array<[string, number]>;
    await quotas.idle();
    expect(rows.find(([k]) => k === `account:${USER_ID}`)?.[1]).toBeCloseTo(0.5, 3);
    expect(rows.find(([k]) => k === '10.6.6.0/24')?.[1]).toBe(0);
    expect(rows.map(([, v]) => v)).toEqual([...rows.map(([, v]) => v)].sort((a, b) => a - b));
  });

  it('should charge the requests of an expunged token to the subnet, not to its account', async () => {
    const sessions = app.get(SessionTokenService);
    const token = sessions.issue(EXPUNGED_ID, 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    const accountLeft = (): number => quotas.status(quotas.accountSubject(EXPUNGED_ID)).remainingS;
    const subnetLeft = (): number => quotas.status(quotas.subnetSubject('10.3.3.3')!).remainingS;

    expect((await call('10.3.3.3', 500, '/api/v1/slow', bearer)).status).toBe(200);
    expect(accountLeft()).toBeCloseTo(1.5, 3);
    expect(subnetLeft()).toBeCloseTo(1, 3);

    await app.get(SessionExpungeRepository).expungeNow(EXPUNGED_ID);
    expect((await call('10.3.3.3', 400, '/api/v1/slow', bearer)).status).toBe(200);
    expect(accountLeft()).toBeCloseTo(1.5, 3);
    expect(subnetLeft()).toBeCloseTo(0.6, 3);
    // The subnet spent, the token no longer opens the account's budget.
    await call('10.3.3.3', 1000);
    expect((await call('10.3.3.3', 0, '/api/v1/slow', bearer)).status).toBe(429);
  });

  it('should keep spent budgets across a restart', async () => {
    await call('10.4.4.4', 5000);
    await app.close();
    ({ app, url } = await startApp(varDir));
    quotas = app.get(QuotaService);
    expect((await call('10.4.4.4', 0)).status).toBe(429);
    clock.t += HOUR_MS;
    expect((await call('10.4.4.4', 0)).status).toBe(200);
  });
});
