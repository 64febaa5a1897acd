import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock } from './clock';
import {
  BudgetRecord,
  currentBudget,
  HOUR_MS,
  hourIndex,
  isAvailable,
  isFull,
  limitsMs,
  lowestRemainingMs,
  retryAfterSeconds,
  spend,
} from './quota-budget';
import { QuotaStore } from './quota-store';
import { accountKey, subnetKey } from './quota-subject';
import { QUOTA_OPTIONS, QuotaOptions } from './quotas.options';

/** Who pays for a request: a subnet or an account, with that kind's limits (ms). */
export interface QuotaSubject {
  key: string;
  limits: readonly [number, number, number];
}

export interface QuotaStatus {
  available: boolean;
  /** Lowest remaining budget, seconds (legacy X-RateLimit-Remaining). */
  remainingS: number;
  retryAfterS: number;
}

/** One row of the summary: [subject, remaining daily budget in seconds] (legacy quotas_summary). */
export type QuotaSummaryRow = [string, number];

/** Wall-clock budgets per subnet or account in the shared LMDB store (see quota-budget.ts). */
@Injectable()
export class QuotaService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(QuotaService.name);
  private readonly store: QuotaStore;
  private readonly subnetLimits: readonly [number, number, number];
  private readonly accountLimits: readonly [number, number, number];
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(QUOTA_OPTIONS) options: QuotaOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.store = QuotaStore.open(options.dir);
    this.subnetLimits = limitsMs(options.subnet_limits);
    this.accountLimits = limitsMs(options.account_limits);
  }

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purgeReplenished(), HOUR_MS);
    this.purgeTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    await this.idle();
    await this.store.close();
  }

  /** The subject of an anonymous client address, or null for an unparsable one. */
  subnetSubject(ip: string): QuotaSubject | null {
    const key = subnetKey(ip);
    return key === null ? null : { key, limits: this.subnetLimits };
  }

  accountSubject(accountId: string): QuotaSubject {
    return { key: accountKey(accountId), limits: this.accountLimits };
  }

  status(subject: QuotaSubject, nowMs = this.clock.now()): QuotaStatus {
    const budget = currentBudget(this.store.get(subject.key), hourIndex(nowMs), subject.limits);
    return {
      available: isAvailable(budget),
      remainingS: lowestRemainingMs(budget) / 1000,
      retryAfterS: retryAfterSeconds(nowMs),
    };
  }

  /** Spends `elapsedMs` of every budget of `subject`. Failures are logged: accounting never fails a request. */
  consume(subject: QuotaSubject, elapsedMs: number, nowMs = this.clock.now()): Promise<void> {
    this.pending++;
    return this.store
      .update(subject.key, (record) => spend(currentBudget(record, hourIndex(nowMs), subject.limits), elapsedMs))
      .catch((err: unknown) => this.logger.error(`cannot record quota use: ${(err as Error).message}`))
      .finally(() => this.settle());
  }

  /** Starts metering a request that began at `startMs`; call the returned function once it is over. */
  meter(subject: QuotaSubject, startMs: number): () => void {
    this.pending++;
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      const now = this.clock.now();
      void this.consume(subject, now - startMs, now).finally(() => this.settle());
    };
  }

  /** Resolves once every metered request has been recorded (tests, shutdown). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The `n` subjects with the least daily budget left, lowest first. */
  summary(n = 20, nowMs = this.clock.now()): QuotaSummaryRow[] {
    const hour = hourIndex(nowMs);
    const rows: QuotaSummaryRow[] = [];
    for (const [key, record] of this.store.entries()) {
      const limits = key.startsWith('account:') ? this.accountLimits : this.subnetLimits;
      rows.push([key, Math.round(currentBudget(record, hour, limits)[3]) / 1000]);
    }
    return rows.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  }

  /** Drops the records that have grown back to full budgets (they mean the same as no record). */
  async purgeReplenished(nowMs = this.clock.now()): Promise<number> {
    const hour = hourIndex(nowMs);
    try {
      return await this.store.removeWhere((key, record: BudgetRecord) => {
        const limits = key.startsWith('account:') ? this.accountLimits : this.subnetLimits;
        return isFull(currentBudget(record, hour, limits), limits);
      });
    } catch (err) {
      this.logger.error(`cannot purge quota records: ${(err as Error).message}`);
      return 0;
    }
  }

  private settle(): void {
    this.pending--;
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
