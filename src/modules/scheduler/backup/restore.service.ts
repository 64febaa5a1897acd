import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { zstdDecompress } from '../../../common/compression/zstd';
import { ObjectStorage } from '../../../common/storage/object-storage';
import { BackupTable, MANIFEST, parseManifest } from './backup-manifest';
import { TableDumpRepository } from './table-dump.repository';

export interface RestoreSummary {
  prefix: string;
  tables: Array<{ name: string; rows: number; checksum: string; checksum_verified: boolean }>;
}

/**
 * Restores a complete backup (one with a manifest) into tables that exist and are empty:
 * every chunk's sha256 is checked before it is inserted, then each table's row count and,
 * when the table did not change during the backup, its checksum.
 */
@Injectable()
export class RestoreService {
  private readonly logger = new Logger('DbRestore');

  constructor(
    private readonly tables: TableDumpRepository,
    private readonly storage: ObjectStorage,
  ) {}

  async restore(prefix: string): Promise<RestoreSummary> {
    const base = prefix.replace(/\/+$/, '');
    const key = `${base}/${MANIFEST}`;
    if (!(await this.storage.exists(key))) throw new Error(`no ${key}: not a complete backup`);
    const manifest = parseManifest(await this.storage.get(key), key);
    const names = manifest.tables.map((t) => t.name);
    const existing = await this.tables.existing(names);
    const missing = names.filter((n) => !existing.includes(n));
    if (missing.length) throw new Error(`tables missing in this database: ${missing.join(', ')}`);
    for (const name of names) {
      const { rows } = await this.tables.summary(name);
      if (rows > 0) throw new Error(`table ${name} is not empty (${rows} rows): restore needs an empty database`);
    }
    const summary: RestoreSummary = { prefix: base, tables: [] };
    for (const table of manifest.tables) summary.tables.push(await this.restoreTable(table));
    this.logger.log(`restored ${base}`);
    return summary;
  }

  private async restoreTable(table: BackupTable): Promise<RestoreSummary['tables'][number]> {
    for (const chunk of table.chunks) {
      const body = await this.storage.get(chunk.key);
      const digest = createHash('sha256').update(body).digest('hex');
      if (digest !== chunk.sha256) {
        throw new Error(`${chunk.key} is damaged (sha256 ${digest}, expected ${chunk.sha256})`);
      }
      await this.tables.insertDump(table.name, zstdDecompress(body));
    }
    const after = await this.tables.summary(table.name);
    if (after.rows !== table.rows) {
      throw new Error(`${table.name}: ${after.rows} rows restored, ${table.rows} in the backup`);
    }
    const comparable = table.checksum_rows === table.rows;
    if (comparable && after.checksum !== table.checksum) {
      throw new Error(`${table.name}: checksum differs after restore`);
    }
    this.logger.log(`${table.name}: ${after.rows} rows`);
    return { name: table.name, rows: after.rows, checksum: after.checksum, checksum_verified: comparable };
  }
}
