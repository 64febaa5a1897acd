import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '../../../common/config/app-config';
import { fetchSource } from '../../../common/http/fetch-source';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { FingerprintsService } from '../../fastpath/fingerprints.service';
import { StagingTablesRepository } from '../staging/staging-tables.repository';
import { FingerprintKind, FingerprintRow, parseFingerprintsCsv } from './fingerprints-csv';

export interface FingerprintsUpdateSummary {
  dns_rows: number;
  http_rows: number;
  /** The in-process fastpath reloaded them (else it picks them up within fastpath.fingerprints_refresh_s). */
  fastpath_reloaded: boolean;
}

const TABLE = { dns: 'fingerprints_dns', http: 'fingerprints_http' } as const;

/**
 * Replaces fingerprints_dns and fingerprints_http with the blocking-fingerprints CSVs:
 * both are fetched, checked and written to the `_tmp` tables first; only when both are
 * good are they swapped in. Metrics as the legacy `fingerprints_updater`.
 */
@Injectable()
export class FingerprintsUpdaterService {
  private readonly logger = new Logger('FingerprintsUpdater');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly staging: StagingTablesRepository,
    private readonly moduleRef: ModuleRef,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('fingerprints_updater');
  }

  async run(): Promise<FingerprintsUpdateSummary> {
    let step = 0;
    const progress = (msg: string): void => {
      this.metrics.gauge('fingerprints_update_progress', step++);
      this.logger.log(msg);
    };
    progress('starting');
    const dns = await this.stage('dns', progress);
    const http = await this.stage('http', progress);
    await this.staging.swap(TABLE.dns);
    await this.staging.swap(TABLE.http);
    progress(`swapped in ${dns} DNS and ${http} HTTP fingerprints`);
    return { dns_rows: dns, http_rows: http, fastpath_reloaded: await this.reloadFastpath() };
  }

  private async stage(kind: FingerprintKind, progress: (msg: string) => void): Promise<number> {
    const o = this.config.fingerprints_updater;
    const url = kind === 'dns' ? o.dns_url : o.http_url;
    const t0 = performance.now();
    const csv = await fetchSource(url, { maxBytes: o.max_bytes, timeoutMs: o.timeout_ms });
    this.metrics.timing('fetch_csv', performance.now() - t0);
    const rows: FingerprintRow[] = parseFingerprintsCsv(kind, csv, { minRows: o.min_rows, maxRows: o.max_rows });
    progress(`fetched ${rows.length} ${kind} rows from ${url}`);
    await this.staging.prepare(TABLE[kind]);
    await this.staging.insertStaged(TABLE[kind], rows as unknown as Record<string, unknown>[]);
    const stored = await this.staging.count(TABLE[kind], true);
    this.metrics.gauge(`fingerprints_${kind}_tmp_len`, stored);
    if (stored < o.min_rows || stored > o.max_rows) {
      throw new Error(`fingerprints_${kind}_tmp holds ${stored} rows, expected ${o.min_rows}-${o.max_rows}`);
    }
    progress(`fingerprints_${kind}_tmp filled: ${stored} rows`);
    return stored;
  }

  /** The in-process fastpath (if any) re-reads the tables now and hands the new file to its workers. */
  private async reloadFastpath(): Promise<boolean> {
    let fastpath: FingerprintsService;
    try {
      fastpath = this.moduleRef.get(FingerprintsService, { strict: false });
    } catch {
      return false;
    }
    await fastpath.refresh();
    return true;
  }
}
