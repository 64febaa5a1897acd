import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthCommonModule } from './common/auth/auth-common.module';
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
import { FastpathModule } from './modules/fastpath/fastpath.module';
import { GeolookupModule } from './modules/geolookup/geolookup.module';
import { HealthModule } from './modules/health/health.module';
import { MeasurementsModule } from './modules/measurements/measurements.module';
import { PrioModule } from './modules/prio/prio.module';
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
        // Global guards run in module order: quotas (429) before auth (401/403), as legacy.
        QuotasModule,
        AuthCommonModule,
        GeoipModule,
        FeederModule,
        HealthModule,
        AuthModule,
        PrioModule,
        ProbeServicesModule,
        GeolookupModule,
        MeasurementsModule,
        AggregationModule,
        ScheduleModule.forRoot(),
        SchedulerModule,
        // With feeder_url the fastpath runs in its own process (cli fastpath-feeder).
        ...(config.fastpath.enabled && !config.fastpath.feeder_url ? [FastpathModule] : []),
      ],
    };
  }
}
