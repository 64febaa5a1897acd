import { Module } from '@nestjs/common';
import { BackupService } from './backup.service';
import { PublicExportService } from './public-export.service';
import { RestoreService } from './restore.service';
import { TableChunkReader } from './table-chunk.reader';
import { TableDumpRepository } from './table-dump.repository';
import { TableDumper } from './table-dumper';

/** Backup, restore and the public export alone (no schedule): what the server and `cli restore` share. */
@Module({
  providers: [TableDumpRepository, TableChunkReader, TableDumper, BackupService, RestoreService, PublicExportService],
  exports: [BackupService, RestoreService, PublicExportService],
})
export class BackupModule {}
