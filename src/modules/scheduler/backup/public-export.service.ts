import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../../../common/config/app-config';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { ObjectStorage } from '../../../common/storage/object-storage';
import {
  emptyExportManifest,
  EXPORT_MANIFEST,
  ExportFile,
  ExportManifest,
  parseExportManifest,
  upsertFile,
} from './export-manifest';
import { TableChunk } from './table-chunk.reader';
import { isDayTable, TableDumpRepository } from './table-dump.repository';
import { TableDumper } from './table-dumper';

export interface ExportSummary {
  prefix: string;
  /** Keys written by this run. */
  exported: Array<{ key: string; rows: number }>;
  /** Days left for the next runs (beyond db_export.max_days_per_run). */
  pending_days: number;
}

/** The column names once, then the records (the types line of the chunk format is dropped). */
const csvText = (chunk: TableChunk, index: number): string =>
  index === 0 ? `${chunk.header[0]}\n${chunk.body}` : chunk.body;

/**
 * Public export (legacy `ooni-db-backup` "export" action): the db_export.tables as CSV with
 * a header line, zstd-compressed, in the data bucket. Measurement tables go one file per
 * complete UTC day (`<prefix>/<table>_<YYYYMMDD>.csv.zstd`), exported again when the day's
 * row count changed; other tables whole (`<prefix>/<table>.csv.zstd`) when their checksum
 * changed. Each file is read in key-ordered chunks, one zstd frame each, through a temp file;
 * the manifest is rewritten after every file, so an interrupted run loses at most one file.
 * Metrics (`db-backup` prefix, as legacy): `run_export`, `uploaded_bytes_tot`.
 */
@Injectable()
export class PublicExportService {
  private readonly logger = new Logger('DbExport');
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

  async run(now = new Date()): Promise<ExportSummary> {
    const t0 = performance.now();
    const { prefix, tables: wanted } = this.config.db_export;
    await this.dumper.existingTables('db_export.tables', wanted);
    // Temp files of a run that died (one run at a time: the job lock).
    await fs.promises.rm(this.config.varPath('export'), { recursive: true, force: true });
    const manifest = await this.loadManifest();
    const summary: ExportSummary = { prefix, exported: [], pending_days: 0 };
    for (const table of wanted) {
      const todo = isDayTable(table)
        ? await this.staleDays(table, manifest, now)
        : await this.staleWhole(table, manifest);
      const budget = isDayTable(table) ? this.config.db_export.max_days_per_run : 1;
      summary.pending_days += Math.max(0, todo.length - budget);
      for (const item of todo.slice(0, budget)) {
        const file = await this.exportFile(table, item.day, item.checksum);
        upsertFile(manifest, file);
        manifest.updated = new Date().toISOString();
        await this.storage.put(`${prefix}/${EXPORT_MANIFEST}`, JSON.stringify(manifest, null, 1));
        summary.exported.push({ key: file.key, rows: file.rows });
      }
    }
    this.metrics.timing('run_export', performance.now() - t0);
    this.metrics.gauge(
      'uploaded_bytes_tot',
      manifest.files.reduce((n, f) => n + f.bytes, 0),
    );
    this.logger.log(`export ${prefix}: ${summary.exported.length} files, ${summary.pending_days} days left`);
    return summary;
  }

  private async loadManifest(): Promise<ExportManifest> {
    const key = `${this.config.db_export.prefix}/${EXPORT_MANIFEST}`;
    if (!(await this.storage.exists(key))) return emptyExportManifest();
    return parseExportManifest(await this.storage.get(key), key);
  }

  private keyOf(table: string, day: string | null): string {
    const name = day === null ? table : `${table}_${day.replaceAll('-', '')}`;
    return `${this.config.db_export.prefix}/${name}.csv.zstd`;
  }

  /** Complete UTC days (before today) whose row count differs from the exported file's. */
  private async staleDays(
    table: string,
    manifest: ExportManifest,
    now: Date,
  ): Promise<Array<{ day: string; checksum?: string }>> {
    if (!isDayTable(table)) return [];
    const today = now.toISOString().slice(0, 10);
    const done = new Map(manifest.files.filter((f) => f.table === table).map((f) => [f.day, f.rows]));
    return (await this.tables.dayCounts(table, today)).filter((d) => done.get(d.day) !== d.rows);
  }

  private async staleWhole(table: string, manifest: ExportManifest): Promise<Array<{ day: null; checksum: string }>> {
    const { checksum } = await this.tables.summary(table);
    const file = manifest.files.find((f) => f.key === this.keyOf(table, null));
    return file?.checksum === checksum ? [] : [{ day: null, checksum }];
  }

  /** Writes the table (or one day of it) as concatenated zstd frames to a temp file, then uploads it. */
  private async exportFile(table: string, day: string | null, checksum?: string): Promise<ExportFile> {
    const key = this.keyOf(table, day);
    const tmp = this.config.varPath('export', `${path.basename(key)}.tmp`);
    await fs.promises.mkdir(path.dirname(tmp), { recursive: true });
    const out = await fs.promises.open(tmp, 'w');
    const hash = createHash('sha256');
    let rows = 0;
    let bytes = 0;
    try {
      const chunks = this.dumper.chunks(table, this.config.db_export, {
        format: 'csv',
        day: day ?? undefined,
        text: csvText,
      });
      for await (const { frame, rows: n } of chunks) {
        await out.write(frame);
        hash.update(frame);
        bytes += frame.length;
        rows += n;
      }
      await out.close();
      await this.storage.putFile(key, tmp);
    } finally {
      await out.close().catch(() => undefined);
      await fs.promises.rm(tmp, { force: true });
    }
    this.logger.log(`${key}: ${rows} rows, ${bytes} bytes`);
    const file: ExportFile = {
      key,
      table,
      day,
      rows,
      bytes,
      sha256: hash.digest('hex'),
      exported: new Date().toISOString(),
    };
    return checksum === undefined ? file : { ...file, checksum };
  }
}
