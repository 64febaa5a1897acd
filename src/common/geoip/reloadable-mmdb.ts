import { Logger } from '@nestjs/common';
import { Reader, Response } from 'maxmind';
import * as fs from 'node:fs';

/** Bounded decoded-record cache: mmdb-lib decodes a record on every lookup otherwise. */
class RecordCache {
  private readonly entries = new Map<string | number, unknown>();

  constructor(private readonly max: number) {}

  get(key: string | number): unknown {
    return this.entries.get(key);
  }

  set(key: string | number, value: unknown): void {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, value);
  }
}

const CACHE_ENTRIES = 50_000;

function fileStamp(st: fs.Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

/**
 * One MMDB file and its current reader. `refresh()` reloads the file when its inode, size or
 * mtime changed; a file that cannot be read or parsed keeps the previous reader.
 */
export class ReloadableMmdb<T> {
  private current: Reader<Response> | null = null;
  private stamp: string | null = null;
  private ipv4Only = false;
  private missingLogged = false;
  private damageLogged = false;

  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {}

  /**
   * The record for a valid, normalized address; null when not listed or no database is loaded.
   * IPv6 addresses are not looked up in an IPv4-only database, where mmdb-lib would walk the
   * tree with their leading bits and return an unrelated record.
   */
  get(ip: string): T | null {
    const reader = this.current;
    if (reader === null || (this.ipv4Only && ip.includes(':'))) return null;
    try {
      return reader.get(ip) as T | null;
    } catch (err) {
      // Damage the load-time probes missed: answer "not found" rather than fail the request.
      if (!this.damageLogged) {
        this.logger.error(`GeoIP database ${this.file} is damaged: ${(err as Error).message}`);
        this.damageLogged = true;
      }
      return null;
    }
  }

  /** Returns true when a new reader was installed. */
  async refresh(): Promise<boolean> {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(this.file);
    } catch (err) {
      if (!this.missingLogged) {
        this.logger.error(`GeoIP database ${this.file} is not readable: ${(err as Error).message}`);
        this.missingLogged = true;
      }
      return false;
    }
    this.missingLogged = false;
    const stamp = fileStamp(st);
    if (stamp === this.stamp) return false;
    // Remember the stamp even on failure: a broken file is reported once, and retried when it changes.
    this.stamp = stamp;
    try {
      const reader = new Reader<Response>(await fs.promises.readFile(this.file), {
        cache: new RecordCache(CACHE_ENTRIES),
      });
      // A truncated tree or data section only shows up on lookups.
      const ipv4Only = reader.metadata.ipVersion === 4;
      reader.get('1.1.1.1');
      if (!ipv4Only) reader.get('2001:4860:4860::8888');
      this.current = reader;
      this.ipv4Only = ipv4Only;
      this.damageLogged = false;
      this.logger.log(`GeoIP database ${this.file} loaded (${reader.metadata.databaseType})`);
      return true;
    } catch (err) {
      const kept = this.current ? 'keeping the previous one' : 'no database in use';
      this.logger.error(`GeoIP database ${this.file} is invalid, ${kept}: ${(err as Error).message}`);
      return false;
    }
  }
}
