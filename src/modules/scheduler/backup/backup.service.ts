import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../../common/config/app-config';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { ObjectStorage } from '../../../common/storage/object-storage';
import { BackupChunk, BackupManifest, BackupProgress, MANIFEST, PROGRESS, TableInProgress } from './backup-manifest';
import { DUMP_FORMAT, TableDumpRepository } from './table-dump.repository';
import { TableDumper } from './table-dumper';

export interface BackupSummary {
  /** Bucket prefix of this backup: pass it to `cli restore`. */
  prefix: string;
  resumed: boolean;
  tables: Array<{ name: string; rows: number; chunks: number }>;
}

/** `YYYYMMDDTHHMMSSZ` */
const stamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * Database backup (legacy `ooni-db-backup`): each configured table is read in key order,
 * one bounded query per chunk (TableDumper), and each chunk uploaded zstd-compressed
 * as `<db_backup.prefix>/<timestamp>/<table>/NNNNNN.tsv.zst`; `progress.json` is rewritten
 * after every chunk and `manifest.json` comes last. The next run resumes an unfinished
 * backup after its last uploaded chunk.
 * Metrics with the `db-backup` prefix: `upload_to_s3`, `table_<name>_backup_time_ms`.
 */
@Injectable()
export class BackupService {
  private readonly logger = new Logger('DbBackup');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly tables: TableDumpRepository,
    private readonly dumper: TableDumper,
    private readonly storage: ObjectStorage,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('db-backup');
  }

  async run(now = new Date()): Promise<BackupSummary> {
    const existing = await this.dumper.existingTables('db_backup.tables', this.config.db_backup.tables);

    const unfinished = await this.findUnfinished(now);
    const prefix = unfinished?.prefix ?? `${this.config.db_backup.prefix}/${stamp(now)}`;
    const progress: BackupProgress = unfinished?.progress ?? { started: now.toISOString(), tables: [] };
    if (unfinished) {
      const at = progress.current ? `, ${progress.current.name} after ${progress.current.chunks.length} chunks` : '';
      this.logger.log(`resuming ${prefix}: ${progress.tables.length} tables done${at}`);
    }
    await this.saveProgress(prefix, progress);

    for (const name of existing) {
      if (progress.tables.some((t) => t.name === name)) continue;
      if (progress.current?.name !== name) progress.current = await this.startTable(name);
      await this.dumpTable(prefix, progress.current, progress);
      const { next: _next, ...done } = progress.current;
      progress.tables.push(done);
      delete progress.current;
      await this.saveProgress(prefix, progress);
    }
    const manifest: BackupManifest = {
      version: 1,
      format: DUMP_FORMAT,
      compression: 'zstd',
      started: progress.started,
      finished: new Date().toISOString(),
      tables: progress.tables,
    };
    await this.storage.put(`${prefix}/${MANIFEST}`, JSON.stringify(manifest, null, 1));
    await this.storage.delete(`${prefix}/${PROGRESS}`);
    this.logger.log(`backup ${prefix} complete`);
    return {
      prefix,
      resumed: unfinished !== null,
      tables: manifest.tables.map((t) => ({ name: t.name, rows: t.rows, chunks: t.chunks.length })),
    };
  }

  /**
   * The latest backup with a progress file and no manifest, when it started less than
   * `db_backup.resume_max_age_h` ago (an older one would mix data of different days).
   */
  private async findUnfinished(now: Date): Promise<{ prefix: string; progress: BackupProgress } | null> {
    const keys = (await this.storage.list(`${this.config.db_backup.prefix}/`)).map((o) => o.key);
    const progressKeys = keys.filter((k) => k.endsWith(`/${PROGRESS}`)).sort();
    for (const key of progressKeys.reverse()) {
      const prefix = key.slice(0, -PROGRESS.length - 1);
      if (keys.includes(`${prefix}/${MANIFEST}`)) continue;
      const progress = JSON.parse((await this.storage.get(key)).toString('utf8')) as BackupProgress;
      const ageH = (now.getTime() - Date.parse(progress.started)) / 3_600_000;
      if (ageH < this.config.db_backup.resume_max_age_h) return { prefix, progress };
      this.logger.warn(`not resuming ${prefix}: started ${progress.started}, too long ago`);
      return null;
    }
    return null;
  }

  private saveProgress(prefix: string, progress: BackupProgress): Promise<void> {
    return this.storage.put(`${prefix}/${PROGRESS}`, JSON.stringify(progress));
  }

  /** The row count and checksum are read before the first chunk (see BackupTable). */
  private async startTable(name: string): Promise<TableInProgress> {
    const before = await this.tables.summary(name);
    return { name, rows: 0, checksum: before.checksum, checksum_rows: before.rows, chunks: [], next: null };
  }

  /** Dumps the rest of a table, saving the progress after each chunk. */
  private async dumpTable(prefix: string, table: TableInProgress, progress: BackupProgress): Promise<void> {
    if (table.chunks.length > 0 && table.next === null) return; // an empty table, already dumped
    const t0 = performance.now();
    const chunks = this.dumper.chunks(table.name, this.config.db_backup, { format: 'tsv', after: table.next });
    for await (const chunk of chunks) {
      const key = `${prefix}/${table.name}/${String(table.chunks.length).padStart(6, '0')}.tsv.zst`;
      table.chunks.push(await this.upload(key, chunk.frame, chunk.rows));
      table.rows += chunk.rows;
      table.next = chunk.next;
      await this.saveProgress(prefix, progress);
    }
    const ms = performance.now() - t0;
    this.metrics.timing(`table_${table.name}_backup_time_ms`, ms);
    this.logger.log(`${table.name}: ${table.rows} rows in ${table.chunks.length} chunks, ${Math.round(ms)} ms`);
  }

  private async upload(key: string, body: Buffer, rows: number): Promise<BackupChunk> {
    const t0 = performance.now();
    await this.storage.put(key, body);
    this.metrics.timing('upload_to_s3', performance.now() - t0);
    return { key, rows, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  }
}
