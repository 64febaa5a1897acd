import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { FingerprintsUpdaterService } from './fingerprints/fingerprints-updater.service';
import { JobRegistry } from './registry/job-registry';

export const FINGERPRINTS_JOB = 'fingerprints';

/** Registers the fingerprints updater (`fingerprints_updater.cron`, `.enabled`). */
@Injectable()
export class FingerprintsJobs implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly updater: FingerprintsUpdaterService,
  ) {}

  onModuleInit(): void {
    const o = this.config.fingerprints_updater;
    this.registry.register({
      name: FINGERPRINTS_JOB,
      description: 'Replace fingerprints_dns/_http with the blocking-fingerprints CSVs (tmp tables, atomic swap)',
      cron: o.cron,
      enabled: o.enabled,
      run: () => this.updater.run(),
    });
  }
}
