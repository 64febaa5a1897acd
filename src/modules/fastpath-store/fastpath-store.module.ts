import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { AGGREGATION_OPTIONS, aggregationOptionsFromConfig } from '../aggregation/aggregation.options';
import { FastpathAggregationReader } from './fastpath-aggregation.reader';
import { FastpathCountersRepository } from './fastpath-counters.repository';
import { FastpathDomainsReader } from './fastpath-domains.reader';
import { FastpathSearchReader } from './fastpath-search.reader';
import { FastpathStatsReader } from './fastpath-stats.reader';
import { FastpathWeeklyCountsReader } from './fastpath-weekly-counts.reader';
import { FastpathWriterFactory } from './fastpath-writer.factory';
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
    FastpathWriterFactory,
  ],
  exports: [AGGREGATION_OPTIONS, ...READERS, FastpathCountersRepository, FastpathWriterFactory],
})
export class FastpathStoreModule {}
