import { Module } from '@nestjs/common';
import { CountersModule } from '../counters/counters.module';
import { FastpathStoreModule } from '../fastpath-store/fastpath-store.module';
import { AsnmetaSnapshotLoader } from './asnmeta-snapshot.loader';
import { AsnmetaRepository } from './asnmeta.repository';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { CitizenlabDomainsRepository } from './citizenlab-domains.repository';
import { NetworkStatsController } from './network-stats.controller';
import { NetworkStatsService } from './network-stats.service';
import { OverviewStatsController } from './overview-stats.controller';
import { OverviewStatsService } from './overview-stats.service';
import { StatsCacheWarmer } from './stats-cache-warmer';
import { TestGroupsRepository } from './test-groups.repository';

/** The `/api/_/` statistics Explorer reads (legacy `private.py` and the newer measurements service). */
@Module({
  imports: [CountersModule, FastpathStoreModule],
  controllers: [OverviewStatsController, NetworkStatsController, CatalogController],
  providers: [
    CitizenlabDomainsRepository,
    AsnmetaRepository,
    TestGroupsRepository,
    OverviewStatsService,
    NetworkStatsService,
    CatalogService,
    AsnmetaSnapshotLoader,
    StatsCacheWarmer,
  ],
  exports: [OverviewStatsService, NetworkStatsService, CatalogService],
})
export class PrivateStatsModule {}
