import { ClickHouseClient } from '@clickhouse/client';
import { Logger } from '@nestjs/common';
import { ComponentMetrics } from '../../common/metrics/metrics.service';
import { OpenvpnObservation } from './scoring/types';
import { FastpathRowOut } from './workers/score-task';

export interface WriterOptions {
  batchSize: number;
  maxLatencyMs: number;
}

/**
 * Batches rows into few large INSERTs (ClickHouse prefers them): a batch goes out when
 * full or when its oldest row has waited `maxLatencyMs`. A crash loses at most the
 * unflushed batch, whose raw measurements are still in the spool and the bucket.
 */
export class FastpathWriter {
  private readonly logger = new Logger('FastpathWriter');
  private rows: FastpathRowOut[] = [];
  private openvpn: OpenvpnObservation[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly clickhouse: ClickHouseClient,
    private readonly metrics: ComponentMetrics,
    private readonly opts: WriterOptions,
  ) {}

  get pending(): number {
    return this.rows.length + this.openvpn.length;
  }

  add(rows: FastpathRowOut[], openvpn: OpenvpnObservation[]): void {
    this.rows.push(...rows);
    this.openvpn.push(...openvpn);
    if (this.rows.length >= this.opts.batchSize) {
      void this.flush();
    } else if (!this.timer && this.pending > 0) {
      this.timer = setTimeout(() => void this.flush(), this.opts.maxLatencyMs);
    }
  }

  /** Writes everything added so far; concurrent calls are serialized. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const rows = this.rows;
    const openvpn = this.openvpn;
    this.rows = [];
    this.openvpn = [];
    this.flushing = this.flushing.then(() => this.write(rows, openvpn));
    return this.flushing;
  }

  private async write(rows: FastpathRowOut[], openvpn: OpenvpnObservation[]): Promise<void> {
    const started = Date.now();
    try {
      if (rows.length > 0) await this.clickhouse.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
      if (openvpn.length > 0) {
        await this.clickhouse.insert({ table: 'obs_openvpn', values: openvpn, format: 'JSONEachRow' });
      }
      if (rows.length > 0) {
        this.metrics.increment('rows_written', rows.length);
        this.metrics.timing('insert_time', Date.now() - started);
      }
    } catch (err) {
      this.metrics.increment('insert_errors', rows.length);
      this.logger.error(`insert of ${rows.length} rows failed: ${(err as Error).message}`);
    }
  }
}
