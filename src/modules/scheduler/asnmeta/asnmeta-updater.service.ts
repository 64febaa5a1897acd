import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../common/config/app-config';
import { fetchSource } from '../../../common/http/fetch-source';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { StagingTablesRepository } from '../staging/staging-tables.repository';
import { parseAsOrgMap } from './as-org-map';

export interface AsnmetaUpdateSummary {
  rows: number;
  asns: number;
}

const INSERT_CHUNK = 50000;

/**
 * Replaces `asnmeta` with the AS-to-organization map (legacy `asnmeta_updater`): fetched,
 * checked, written to `asnmeta_tmp`, counted, then swapped in. Metrics with the
 * `asnmeta_updater` prefix: `fetch_data`, `asnmeta_update_progress`, `asnmeta_tmp_len`.
 */
@Injectable()
export class AsnmetaUpdaterService {
  private readonly logger = new Logger('AsnmetaUpdater');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly staging: StagingTablesRepository,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('asnmeta_updater');
  }

  async run(): Promise<AsnmetaUpdateSummary> {
    const o = this.config.asnmeta_updater;
    let step = 0;
    const progress = (msg: string): void => {
      this.metrics.gauge('asnmeta_update_progress', step++);
      this.logger.log(msg);
    };
    progress(`fetching ${o.url}`);
    const t0 = performance.now();
    const body = await fetchSource(o.url, { maxBytes: o.max_bytes, timeoutMs: o.timeout_ms });
    const rows = parseAsOrgMap(body, { minRows: o.min_rows, maxRows: o.max_rows });
    this.metrics.timing('fetch_data', performance.now() - t0);
    progress(`fetched ${rows.length} rows`);

    await this.staging.prepare('asnmeta');
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.staging.insertStaged(
        'asnmeta',
        rows.slice(i, i + INSERT_CHUNK) as unknown as Record<string, unknown>[],
      );
    }
    const stored = await this.staging.count('asnmeta', true);
    this.metrics.gauge('asnmeta_tmp_len', stored);
    if (stored !== rows.length) throw new Error(`asnmeta_tmp holds ${stored} rows, ${rows.length} were written`);
    progress('asnmeta_tmp filled');

    await this.staging.swap('asnmeta');
    progress('asnmeta ready');
    return { rows: stored, asns: new Set(rows.map((r) => r.asn)).size };
  }
}
