import { Module } from '@nestjs/common';
import { BackupService } from './backup.service';
import { RestoreService } from './restore.service';
import { TableChunkReader } from './table-chunk.reader';
import { TableDumpRepository } from './table-dump.repository';

/** Backup and restore alone (no schedule): what the server and `cli restore` share. */
@Module({
  providers: [TableDumpRepository, TableChunkReader, BackupService, RestoreService],
  exports: [BackupService, RestoreService],
})
export class BackupModule {}
