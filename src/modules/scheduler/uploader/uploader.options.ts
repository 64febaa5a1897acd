import { AppConfig } from '../../../common/config/app-config';

/** YAML section `uploader:` (see the report of issue #7 for the keys); defaults below. */
export interface UploaderOptions {
  /** Cron expression (5 or 6 fields, UTC) of the scheduled run. */
  cron: string;
  /** Scheduled at all (it can still be run by hand). */
  enabled: boolean;
  /** The `n<host_id>` part of file names; defaults to `probe_services.collector_id`. */
  host_id: string;
  /** Testbed: build and discard the files, never upload nor index them (legacy DESTROY_DATA). */
  testbed: boolean;
  /** A postcan/JSONL pair holds at most this many measurements... */
  max_batch_measurements: number;
  /** ...and at most about this many bytes of submissions. */
  max_batch_bytes: number;
  /** Rows per INSERT into `jsonl`. */
  insert_batch_size: number;
  /** Spool directory (`probe_services.spool_dir`). */
  spool_dir: string;
}

export const UPLOADER_OPTIONS = Symbol('UPLOADER_OPTIONS');

export function uploaderOptionsFrom(config: AppConfig): UploaderOptions {
  const own = (config as unknown as { uploader?: Partial<UploaderOptions> }).uploader ?? {};
  const options: UploaderOptions = {
    cron: own.cron ?? '5 * * * *',
    enabled: own.enabled ?? true,
    host_id: String(own.host_id || config.probe_services.collector_id),
    testbed: own.testbed ?? false,
    max_batch_measurements: own.max_batch_measurements ?? 50000,
    max_batch_bytes: own.max_batch_bytes ?? 256 * 1024 * 1024,
    insert_batch_size: own.insert_batch_size ?? 10000,
    spool_dir: config.probe_services.spool_dir,
  };
  if (!/^[0-9]+$/.test(options.host_id)) throw new Error('uploader.host_id must be digits');
  for (const key of ['max_batch_measurements', 'max_batch_bytes', 'insert_batch_size'] as const) {
    if (!Number.isSafeInteger(options[key]) || options[key] <= 0) throw new Error(`uploader.${key} must be > 0`);
  }
  return options;
}
