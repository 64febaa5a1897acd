import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { AsnmetaUpdaterService } from './asnmeta/asnmeta-updater.service';
import { JobRegistry } from './registry/job-registry';

export const ASNMETA_JOB = 'asnmeta';

/** Registers the ASN metadata updater (`asnmeta_updater.cron`, `.enabled`). */
@Injectable()
export class AsnmetaJobs implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly updater: AsnmetaUpdaterService,
  ) {}

  onModuleInit(): void {
    const o = this.config.asnmeta_updater;
    this.registry.register({
      name: ASNMETA_JOB,
      description: 'Replace asnmeta with the AS-to-organization map (asnmeta_tmp, atomic swap)',
      cron: o.cron,
      enabled: o.enabled,
      run: () => this.updater.run(),
    });
  }
}
