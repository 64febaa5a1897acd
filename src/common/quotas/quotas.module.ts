import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { CLOCK, systemClock } from './clock';
import { QuotaGuard } from './quota.guard';
import { QuotaService } from './quota.service';
import { QuotasController } from './quotas.controller';
import { QUOTA_OPTIONS, quotaOptionsFromConfig, QuotaOptionsOverrides } from './quotas.options';

/**
 * Rate-limit quotas for every route of the application (a global guard), `GET /api/_/quotas_summary`.
 * Needs GeoipModule (client address) and AuthCommonModule (session tokens, RolesGuard).
 */
@Module({
  controllers: [QuotasController],
  providers: [
    { provide: QUOTA_OPTIONS, inject: [AppConfig], useFactory: (config: AppConfig) => quotaOptionsFromConfig(config) },
    { provide: CLOCK, useValue: systemClock },
    QuotaService,
    QuotaGuard,
    { provide: APP_GUARD, useExisting: QuotaGuard },
  ],
  exports: [QuotaService],
})
export class QuotasModule {
  static forRoot(overrides: QuotaOptionsOverrides = {}): DynamicModule {
    return {
      module: QuotasModule,
      providers: [
        {
          provide: QUOTA_OPTIONS,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => quotaOptionsFromConfig(config, overrides),
        },
      ],
    };
  }
}
