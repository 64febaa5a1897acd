import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { BackupService } from './backup/backup.service';
import { JobRegistry } from './registry/job-registry';

export const BACKUP_JOB = 'backup';

/** Registers the database backup (`db_backup.cron`, `.enabled`). */
@Injectable()
export class BackupJobs implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly backup: BackupService,
  ) {}

  onModuleInit(): void {
    const o = this.config.db_backup;
    this.registry.register({
      name: BACKUP_JOB,
      description: 'Dump the db_backup.tables as zstd chunks with a manifest into the data bucket',
      cron: o.cron,
      enabled: o.enabled,
      run: () => this.backup.run(),
    });
  }
}
