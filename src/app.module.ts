import { DynamicModule, Module } from '@nestjs/common';
import { AuthCommonModule } from './common/auth/auth-common.module';
import { ClickhouseModule } from './common/clickhouse/clickhouse.module';
import { AppConfig } from './common/config/app-config';
import { ConfigModule } from './common/config/config.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { StorageModule } from './common/storage/storage.module';
import { HealthModule } from './modules/health/health.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClickhouseModule,
        StorageModule,
        MetricsModule,
        AuthCommonModule,
        HealthModule,
      ],
    };
  }
}
