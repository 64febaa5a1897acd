import { AppConfig } from '../../../common/config/app-config';

/** YAML section `uploader:`. */
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

/** The `uploader` configuration section (defaults: config/default.yaml; validated by the schema). */
export function uploaderOptionsFrom(config: AppConfig): UploaderOptions {
  const own = config.uploader;
  return {
    cron: own.cron,
    enabled: own.enabled,
    host_id: own.host_id || config.probe_services.collector_id,
    testbed: own.testbed,
    max_batch_measurements: own.max_batch_measurements,
    max_batch_bytes: own.max_batch_bytes,
    insert_batch_size: own.insert_batch_size,
    spool_dir: config.probe_services.spool_dir,
  };
}
