import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { zstdCompress } from '../../../common/compression/zstd';
import { AppConfig } from '../../../common/config/app-config';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { ObjectStorage } from '../../../common/storage/object-storage';
import { BackupChunk, BackupManifest, BackupProgress, BackupTable, MANIFEST, PROGRESS } from './backup-manifest';
import { DUMP_FORMAT, TableDumpRepository } from './table-dump.repository';

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
 * Database backup (legacy `ooni-db-backup`): each configured table is streamed from
 * ClickHouse in the dump format and cut into zstd chunks of bounded size, uploaded under
 * `<db_backup.prefix>/<timestamp>/<table>/NNNNNN.tsv.zst`; `manifest.json` comes last.
 * An interrupted backup is resumed by the next run (tables already complete are kept).
 * Metrics with the `db-backup` prefix: `upload_to_s3`, `table_<name>_backup_time_ms`.
 */
@Injectable()
export class BackupService {
  private readonly logger = new Logger('DbBackup');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly tables: TableDumpRepository,
    private readonly storage: ObjectStorage,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('db-backup');
  }

  async run(now = new Date()): Promise<BackupSummary> {
    const wanted = this.config.db_backup.tables;
    const existing = await this.tables.existing(wanted);
    const missing = wanted.filter((t) => !existing.includes(t));
    if (missing.length) throw new Error(`db_backup.tables names missing tables: ${missing.join(', ')}`);

    const unfinished = await this.findUnfinished();
    const prefix = unfinished?.prefix ?? `${this.config.db_backup.prefix}/${stamp(now)}`;
    const progress: BackupProgress = unfinished?.progress ?? { started: now.toISOString(), tables: [] };
    if (unfinished) this.logger.log(`resuming ${prefix}: ${progress.tables.length} tables already done`);
    await this.storage.put(`${prefix}/${PROGRESS}`, JSON.stringify(progress));

    for (const name of existing) {
      if (progress.tables.some((t) => t.name === name)) continue;
      progress.tables.push(await this.dumpTable(prefix, name));
      await this.storage.put(`${prefix}/${PROGRESS}`, JSON.stringify(progress));
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

  /** The latest backup with a progress file and no manifest. */
  private async findUnfinished(): Promise<{ prefix: string; progress: BackupProgress } | null> {
    const keys = (await this.storage.list(`${this.config.db_backup.prefix}/`)).map((o) => o.key);
    const progressKeys = keys.filter((k) => k.endsWith(`/${PROGRESS}`)).sort();
    for (const key of progressKeys.reverse()) {
      const prefix = key.slice(0, -PROGRESS.length - 1);
      if (keys.includes(`${prefix}/${MANIFEST}`)) continue;
      return { prefix, progress: JSON.parse((await this.storage.get(key)).toString('utf8')) as BackupProgress };
    }
    return null;
  }

  private async dumpTable(prefix: string, name: string): Promise<BackupTable> {
    const { chunk_rows: maxRows, chunk_bytes: maxBytes } = this.config.db_backup;
    const t0 = performance.now();
    const before = await this.tables.summary(name);
    const header: string[] = [];
    const chunks: BackupChunk[] = [];
    let lines: string[] = [];
    let size = 0;
    let rows = 0;
    const flush = async (): Promise<void> => {
      chunks.push(
        await this.upload(`${prefix}/${name}/${String(chunks.length).padStart(6, '0')}.tsv.zst`, header, lines),
      );
      rows += lines.length;
      lines = [];
      size = 0;
    };
    for await (const line of this.tables.lines(name)) {
      if (header.length < 2) {
        header.push(line);
        continue;
      }
      lines.push(line);
      size += line.length + 1;
      if (lines.length >= maxRows || size >= maxBytes) await flush();
    }
    if (lines.length > 0 || chunks.length === 0) await flush();
    const ms = performance.now() - t0;
    this.metrics.timing(`table_${name}_backup_time_ms`, ms);
    this.logger.log(`${name}: ${rows} rows in ${chunks.length} chunks, ${Math.round(ms)} ms`);
    return { name, rows, checksum: before.checksum, checksum_rows: before.rows, chunks };
  }

  private async upload(key: string, header: string[], lines: string[]): Promise<BackupChunk> {
    const body = await zstdCompress(
      Buffer.from(`${[...header, ...lines].join('\n')}\n`),
      this.config.db_backup.zstd_level,
    );
    const t0 = performance.now();
    await this.storage.put(key, body);
    this.metrics.timing('upload_to_s3', performance.now() - t0);
    return { key, rows: lines.length, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  }
}
