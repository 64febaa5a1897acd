import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { AppConfig } from '../../common/config/app-config';
import { ComponentMetrics } from '../../common/metrics/metrics.service';
import { FastpathWriter, fastpathWriterOptions } from './fastpath.writer';

/** Batched `fastpath` writers configured from the `fastpath` section, counting into the caller's metrics. */
@Injectable()
export class FastpathWriterFactory {
  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    private readonly config: AppConfig,
  ) {}

  create(metrics: ComponentMetrics): FastpathWriter {
    return new FastpathWriter(this.client, metrics, fastpathWriterOptions(this.config));
  }
}
