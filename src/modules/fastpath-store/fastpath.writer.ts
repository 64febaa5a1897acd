import { ClickHouseClient } from '@clickhouse/client';
import { Logger } from '@nestjs/common';
import { JsonLines } from '../../common/clickhouse/json-lines';
import { AppConfig } from '../../common/config/app-config';
import { ComponentMetrics } from '../../common/metrics/metrics.service';
import { RetryOptions, withRetries } from '../../common/retry/with-retries';
import { OpenvpnObservation } from '../fastpath/scoring/types';
import { EncodedRows } from '../fastpath/workers/score-task';

export interface WriterOptions {
  batchSize: number;
  maxLatencyMs: number;
  /** A failed INSERT is retried this many times, with exponential backoff from `retryBaseMs`. */
  retries: number;
  retryBaseMs: number;
}

/** The writer's options from the `fastpath` section (defaults: config/default.yaml). */
export function fastpathWriterOptions({ fastpath: f }: AppConfig): WriterOptions {
  return {
    batchSize: f.insert_batch_size,
    maxLatencyMs: f.insert_max_latency_ms,
    retries: f.insert_retries,
    retryBaseMs: f.retry_base_ms,
  };
}

/**
 * Batches rows into few large INSERTs (ClickHouse prefers them): a batch goes out when
 * full or when its oldest row has waited `maxLatencyMs`. A failed INSERT is retried with
 * backoff (ClickHouse restarting, a table being swapped); rows still unwritten after that,
 * or lost in a crash, are found missing and re-scored by the spool reconciliation.
 */
export class FastpathWriter {
  private readonly logger = new Logger('FastpathWriter');
  /** Rows as the workers encoded them (JSON lines), inserted as they are. */
  private rows: EncodedRows[] = [];
  private rowCount = 0;
  private openvpn: OpenvpnObservation[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly clickhouse: ClickHouseClient,
    private readonly metrics: ComponentMetrics,
    private readonly opts: WriterOptions,
  ) {}

  get pending(): number {
    return this.rowCount + this.openvpn.length;
  }

  add(rows: EncodedRows, openvpn: OpenvpnObservation[]): void {
    if (rows.count > 0) this.rows.push(rows);
    this.rowCount += rows.count;
    this.openvpn.push(...openvpn);
    if (this.rowCount >= this.opts.batchSize) {
      this.flushInBackground();
    } else if (!this.timer && this.pending > 0) {
      this.timer = setTimeout(() => this.flushInBackground(), this.opts.maxLatencyMs);
    }
  }

  /**
   * Writes everything added so far; concurrent calls are serialized. Rejects when the rows
   * could not be written even after the retries (they are then dropped: see the class doc).
   */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const rows = this.rows;
    const openvpn = this.openvpn;
    this.rows = [];
    this.rowCount = 0;
    this.openvpn = [];
    const written = this.flushing.then(() => this.write(rows, openvpn));
    this.flushing = written.catch(() => undefined);
    return written;
  }

  private flushInBackground(): void {
    // write() has logged and counted the failure.
    this.flush().catch(() => undefined);
  }

  private async write(chunks: EncodedRows[], openvpn: OpenvpnObservation[]): Promise<void> {
    const rows = JsonLines.join(chunks.map((c) => c.jsonl));
    const count = chunks.reduce((n, c) => n + c.count, 0);
    if (rows === null && openvpn.length === 0) return;
    const started = Date.now();
    const retry: RetryOptions = {
      retries: this.opts.retries,
      baseMs: this.opts.retryBaseMs,
      onRetry: (err, attempt, delayMs) => {
        this.metrics.increment('insert_retries');
        this.logger.warn(
          `insert of ${count} rows failed (${(err as Error).message}), retry ${attempt} in ${delayMs} ms`,
        );
      },
    };
    try {
      // fastpath first: a retry after an obs_openvpn failure re-inserts the same rows, which
      // the ReplacingMergeTree deduplicates.
      await withRetries(retry, async () => {
        if (rows) await this.clickhouse.insert({ table: 'fastpath', values: [rows], format: 'JSONEachRow' });
        if (openvpn.length > 0) {
          await this.clickhouse.insert({ table: 'obs_openvpn', values: openvpn, format: 'JSONEachRow' });
        }
      });
    } catch (err) {
      this.metrics.increment('insert_errors', count);
      const uids = chunks.flatMap((c) => c.uids).slice(0, 5);
      this.logger.error(
        `insert of ${count} rows failed after ${this.opts.retries} retries, left to the spool ` +
          `reconciliation (${uids.join(', ')}${count > uids.length ? ', ...' : ''}): ${(err as Error).message}`,
      );
      throw err;
    }
    if (count > 0) {
      this.metrics.increment('rows_written', count);
      this.metrics.timing('insert_time', Date.now() - started);
    }
  }
}
