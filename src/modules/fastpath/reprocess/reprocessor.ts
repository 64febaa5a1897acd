import { ObjectStorage } from '../../../common/storage/object-storage';
import { FastpathWriter } from '../../fastpath-store/fastpath.writer';
import { ScoringPool } from '../scoring-pool';
import { FingerprintsRef, ScoreTaskItem } from '../workers/score-task';
import { daysBetween, FileFilter, listDayFiles, MeasurementFile } from './bucket-files';
import { measurementsOf } from './file-measurements';

export interface ReprocessOptions extends FileFilter {
  startDay: Date;
  endDay: Date;
  /** Stop after feeding this many measurements. */
  stopAfter?: number;
  taskBatchSize: number;
  onFiles?(files: MeasurementFile[]): void;
  onFileDone?(file: MeasurementFile, measurements: number): void;
  onFailure?(measurementUid: string, reason: string): void;
}

export interface ReprocessStats {
  files: number;
  measurements: number;
  rows: number;
  failures: number;
}

/**
 * Re-scores measurements stored in the data bucket (JSONL files or postcans, both
 * layouts) for a range of days, through the same worker pool and batched writer as
 * live measurements. Without a writer nothing is written (--no-write-to-db).
 */
export class Reprocessor {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly pool: ScoringPool,
    private readonly fingerprints: FingerprintsRef,
    private readonly writer: FastpathWriter | null,
  ) {}

  async run(opts: ReprocessOptions): Promise<ReprocessStats> {
    const stats: ReprocessStats = { files: 0, measurements: 0, rows: 0, failures: 0 };
    const oldLayout = await this.storage.list('jsonl/');
    const files: MeasurementFile[] = [];
    for (const day of daysBetween(opts.startDay, opts.endDay)) {
      files.push(...(await listDayFiles(this.storage, day, opts, oldLayout)));
    }
    opts.onFiles?.(files);
    for (const file of files) {
      const remaining = opts.stopAfter === undefined ? Infinity : opts.stopAfter - stats.measurements;
      if (remaining <= 0) break;
      const items = (await measurementsOf(file, await this.storage.get(file.key))).slice(0, remaining);
      await this.score(items, opts, stats);
      stats.files++;
      stats.measurements += items.length;
      opts.onFileDone?.(file, items.length);
    }
    await this.writer?.flush();
    return stats;
  }

  private async score(items: ScoreTaskItem[], opts: ReprocessOptions, stats: ReprocessStats): Promise<void> {
    const tasks: Array<Promise<void>> = [];
    for (let i = 0; i < items.length; i += opts.taskBatchSize) {
      const chunk = items.slice(i, i + opts.taskBatchSize);
      tasks.push(
        this.pool.run({ fingerprints: this.fingerprints, items: chunk }).then((result) => {
          stats.rows += result.rows.count;
          stats.failures += result.failures.length;
          for (const f of result.failures) opts.onFailure?.(f.measurementUid, f.reason);
          this.writer?.add(result.rows, result.openvpn);
        }),
      );
    }
    await Promise.all(tasks);
  }
}
