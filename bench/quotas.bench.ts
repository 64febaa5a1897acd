import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SessionAuthenticator } from '../src/common/auth/session-authenticator';
import { SessionExpungeRepository } from '../src/common/auth/session-expunge.repository';
import { SessionTokenService } from '../src/common/auth/session-token.service';
import { loadConfig } from '../src/common/config/load-config';
import { GeoipService } from '../src/common/geoip/geoip.service';
import { systemClock } from '../src/common/quotas/clock';
import { QuotaGuard } from '../src/common/quotas/quota.guard';
import { QuotaService } from '../src/common/quotas/quota.service';
import { quotaOptionsFromConfig } from '../src/common/quotas/quotas.options';

/** Latency the quota guard adds to a metered request (check + metering setup), on a real LMDB store. */

const ITERATIONS = 200_000;
const SUBNETS = 5000;

class BenchController {}
const benchHandler = (): void => undefined;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function fakeContext(ip: string, token: string | undefined): { context: ExecutionContext; close: () => void } {
  const raw = new EventEmitter();
  const request = {
    url: '/api/v1/aggregation?probe_cc=IT',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    socket: { remoteAddress: ip },
  };
  const reply = { raw, header: () => reply };
  const http = { getRequest: () => request, getResponse: () => reply, getNext: () => undefined };
  const context = {
    getType: () => 'http',
    getHandler: () => benchHandler,
    getClass: () => BenchController,
    switchToHttp: () => http,
  } as unknown as ExecutionContext;
  return { context, close: () => raw.emit('close') };
}

async function measure(guard: QuotaGuard, quotas: QuotaService, label: string, token?: string): Promise<void> {
  const samples = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const { context, close } = fakeContext(`203.0.${(i % SUBNETS) >> 8}.${i % 256}`, token);
    const start = process.hrtime.bigint();
    await guard.canActivate(context);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
    close();
    // Let LMDB commit the metering batches as a server's event loop would.
    if (i % 1000 === 999) await quotas.idle();
  }
  await quotas.idle();
  samples.sort();
  const fmt = (v: number): string => v.toFixed(1).padStart(6);
  console.log(
    `  ${label.padEnd(30)} p50 ${fmt(percentile(samples, 0.5))} µs  p99 ${fmt(percentile(samples, 0.99))} µs  ` +
      `p99.9 ${fmt(percentile(samples, 0.999))} µs  max ${fmt(samples[samples.length - 1])} µs`,
  );
}

export async function runQuotasBench(): Promise<void> {
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-quotas-'));
  try {
    const config = loadConfig({ env: { NODE_ENV: 'test' }, overrides: { var_dir: varDir } });
    const options = quotaOptionsFromConfig(config);
    const quotas = new QuotaService(options, systemClock);
    const sessions = new SessionTokenService(
      new JwtService({ secret: config.auth.jwt_encryption_key, signOptions: { algorithm: 'HS256' } }),
    );
    // The expunge lookup answers at once: this measures the guard, not the ClickHouse point query.
    const noExpunge = { isExpunged: () => Promise.resolve(false) } as unknown as SessionExpungeRepository;
    const authenticator = new SessionAuthenticator(sessions, noExpunge);
    const guard = new QuotaGuard(
      options,
      systemClock,
      quotas,
      new Reflector(),
      new GeoipService(config),
      authenticator,
    );
    const token = sessions.issue('71e398652ecfb1be6a2359923c7df008', 'user', {
      sessionExpiryDays: 1,
      loginExpiryDays: 1,
    });

    console.log(
      `quotas: guard latency per request (${ITERATIONS} requests, ${SUBNETS} client addresses; target p99 < 50 µs)`,
    );
    await measure(guard, quotas, 'anonymous (per /24)');
    await measure(guard, quotas, 'logged in (per account)*', token);
    console.log('  * without the session_expunge lookup (one ClickHouse point query, shared with the auth guard)');
    const started = process.hrtime.bigint();
    const subject = quotas.subnetSubject('198.51.100.1')!;
    const writes = 50_000;
    await Promise.all(Array.from({ length: writes }, () => quotas.consume(subject, 1)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`  metering writes (LMDB transactions, batched): ${Math.round(writes / seconds)} /s`);
    await quotas.onModuleDestroy();
  } finally {
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runQuotasBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
