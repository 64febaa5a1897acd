import { open, RootDatabase } from 'lmdb';
import * as fs from 'node:fs';
import { BudgetRecord, isBudgetRecord } from './quota-budget';

/**
 * Budget records in LMDB, keyed by subject. LMDB is shared by every process that opens the
 * directory; updates run in write transactions, so read-modify-write is atomic across processes.
 * Writes are batched off the main thread; reads are synchronous and take microseconds.
 */
export class QuotaStore {
  private constructor(private readonly db: RootDatabase<unknown, string>) {}

  static open(dir: string): QuotaStore {
    fs.mkdirSync(dir, { recursive: true });
    return new QuotaStore(open<unknown, string>({ path: dir, encoding: 'msgpack', compression: false }));
  }

  /** The stored record; anything unreadable counts as no record (a full budget). */
  get(key: string): BudgetRecord | undefined {
    const value = this.db.get(key);
    return isBudgetRecord(value) ? value : undefined;
  }

  /** Atomically replaces the record of `key` with `fn(record)`; undefined removes it. */
  update(key: string, fn: (current: BudgetRecord | undefined) => BudgetRecord | undefined): Promise<void> {
    return this.db.transaction(() => {
      const next = fn(this.get(key));
      if (next) void this.db.put(key, next);
      else void this.db.remove(key);
    });
  }

  *entries(): Generator<[string, BudgetRecord]> {
    for (const { key, value } of this.db.getRange({ snapshot: false })) {
      if (isBudgetRecord(value)) yield [key, value];
    }
  }

  /** Removes the records for which `drop` holds; returns how many. */
  removeWhere(drop: (key: string, record: BudgetRecord) => boolean): Promise<number> {
    return this.db.transaction(() => {
      const doomed: string[] = [];
      for (const { key, value } of this.db.getRange({})) {
        if (!isBudgetRecord(value) || drop(key, value)) doomed.push(key);
      }
      for (const key of doomed) void this.db.remove(key);
      return doomed.length;
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
