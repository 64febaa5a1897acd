import { DynamicModule, Module } from '@nestjs/common';
import { AuthCommonModule } from '../../../common/auth/auth-common.module';
import { ClickhouseModule } from '../../../common/clickhouse/clickhouse.module';
import { AppConfig } from '../../../common/config/app-config';
import { ConfigModule } from '../../../common/config/config.module';
import { FeederModule } from '../../../common/feeder/feeder.module';
import { MetricsModule } from '../../../common/metrics/metrics.module';
import { FastpathModule } from '../fastpath.module';
import { FastpathFeedController } from './fastpath-feed.controller';

/** The fastpath as its own process: the feeder endpoint (loopback or shared secret), the scoring pool and the writer. */
@Module({})
export class FastpathProcessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: FastpathProcessModule,
      imports: [
        ConfigModule.forRoot(config),
        ClickhouseModule,
        AuthCommonModule,
        MetricsModule,
        FeederModule,
        FastpathModule,
      ],
      controllers: [FastpathFeedController],
    };
  }
}
