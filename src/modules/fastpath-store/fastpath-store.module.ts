import { ClickHouseClient } from '@clickhouse/client';
import { Module } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { AppConfig } from '../../common/config/app-config';
import { MetricsService } from '../../common/metrics/metrics.service';
import { AGGREGATION_OPTIONS, aggregationOptionsFromConfig } from '../aggregation/aggregation.options';
import { FastpathAggregationReader } from './fastpath-aggregation.reader';
import { FastpathCountersRepository } from './fastpath-counters.repository';
import { FastpathDomainsReader } from './fastpath-domains.reader';
import { FastpathSearchReader } from './fastpath-search.reader';
import { FastpathStatsReader } from './fastpath-stats.reader';
import { FastpathWeeklyCountsReader } from './fastpath-weekly-counts.reader';
import { FastpathWriter, fastpathWriterOptions } from './fastpath.writer';
import { ScoredUidsReader } from './scored-uids.reader';

const READERS = [
  FastpathSearchReader,
  FastpathAggregationReader,
  FastpathStatsReader,
  FastpathDomainsReader,
  FastpathWeeklyCountsReader,
  ScoredUidsReader,
];

/**
 * The one owner of the `fastpath` table family (`fastpath` and the tables derived from it:
 * `fastpath_counters*`, `fastpath_dirty_days`, `fastpath_counters_days`): every SQL statement over
 * them is in this directory. Readers per concern, the batched writer, the counters repository
 * (rebuilds and bookkeeping). Other modules import this module and call its providers.
 */
@Module({
  providers: [
    { provide: AGGREGATION_OPTIONS, inject: [AppConfig], useFactory: aggregationOptionsFromConfig },
    ...READERS,
    FastpathCountersRepository,
    {
      provide: FastpathWriter,
      inject: [CLICKHOUSE, MetricsService, AppConfig],
      useFactory: (client: ClickHouseClient, metrics: MetricsService, config: AppConfig): FastpathWriter =>
        new FastpathWriter(client, metrics.component('fastpath'), fastpathWriterOptions(config)),
    },
  ],
  exports: [AGGREGATION_OPTIONS, ...READERS, FastpathCountersRepository, FastpathWriter],
})
export class FastpathStoreModule {}
