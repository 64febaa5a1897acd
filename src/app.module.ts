import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthCommonModule } from './common/auth/auth-common.module';
import { ResponseCacheModule } from './common/cache/response-cache.module';
import { ClickhouseModule } from './common/clickhouse/clickhouse.module';
import { AppConfig } from './common/config/app-config';
import { ConfigModule } from './common/config/config.module';
import { FeederModule } from './common/feeder/feeder.module';
import { GeoipModule } from './common/geoip/geoip.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { QuotasModule } from './common/quotas/quotas.module';
import { SpoolModule } from './common/spool/spool.module';
import { StorageModule } from './common/storage/storage.module';
import { AggregationModule } from './modules/aggregation/aggregation.module';
import { AuthModule } from './modules/auth/auth.module';
import { CitizenlabModule } from './modules/citizenlab/citizenlab.module';
import { FastpathModule } from './modules/fastpath/fastpath.module';
import { GeolookupModule } from './modules/geolookup/geolookup.module';
import { HealthModule } from './modules/health/health.module';
import { IncidentsModule } from './modules/incidents/incidents.module';
import { MeasurementsModule } from './modules/measurements/measurements.module';
import { OonirunModule } from './modules/oonirun/oonirun.module';
import { PagesModule } from './modules/pages/pages.module';
import { PrioModule } from './modules/prio/prio.module';
import { PrivateStatsModule } from './modules/private-stats/private-stats.module';
import { ProbeServicesModule } from './modules/probe-services/probe-services.module';
import { SchedulerModule } from './modules/scheduler/scheduler.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClickhouseModule,
        StorageModule,
        SpoolModule,
        MetricsModule,
        ResponseCacheModule,
        // Global guards run in module order: quotas (429) before auth (401/403), as legacy.
        QuotasModule,
        AuthCommonModule,
        GeoipModule,
        FeederModule,
        HealthModule,
        PagesModule,
        AuthModule,
        PrioModule,
        CitizenlabModule,
        ProbeServicesModule,
        GeolookupModule,
        MeasurementsModule,
        AggregationModule,
        IncidentsModule,
        OonirunModule,
        PrivateStatsModule,
        ScheduleModule.forRoot(),
        SchedulerModule,
        // With feeder_url the fastpath runs in its own process (cli fastpath-feeder).
        ...(config.fastpath.enabled && !config.fastpath.feeder_url ? [FastpathModule] : []),
      ],
    };
  }
}
