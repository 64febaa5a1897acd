import * as path from 'node:path';
import { Config } from './config.schema';

/**
 * The validated configuration, injectable by class. Built once per process by `loadConfig`.
 * Paths are absolute and derived defaults (ClickHouse dir, bucket dir) are filled in.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface AppConfig extends Config {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AppConfig {
  constructor(values: Config) {
    Object.assign(this, values);
  }

  get isEmbeddedClickhouse(): boolean {
    return this.clickhouse.url === '';
  }

  varPath(...parts: string[]): string {
    return path.join(this.var_dir, ...parts);
  }
}
