import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { BackupService } from './backup/backup.service';
import { PublicExportService } from './backup/public-export.service';
import { JobRegistry } from './registry/job-registry';

export const BACKUP_JOB = 'backup';
export const EXPORT_JOB = 'public-export';

/** Registers the database backup (`db_backup.cron`, `.enabled`) and the public export (`db_export.*`). */
@Injectable()
export class BackupJobs implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly backup: BackupService,
    private readonly publicExport: PublicExportService,
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
    const e = this.config.db_export;
    this.registry.register({
      name: EXPORT_JOB,
      description:
        'Export the public db_export.tables as CSV.zstd files (per UTC day for measurements) with a manifest',
      cron: e.cron,
      enabled: e.enabled,
      run: () => this.publicExport.run(),
    });
  }
}
