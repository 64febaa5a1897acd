import { Injectable } from '@nestjs/common';
import { OonirunRowsCache } from './oonirun-rows.cache';
import { OonirunRepository } from './oonirun.repository';
import { OonirunRow } from './oonirun.types';

/** Ids below this are reserved for OONI's own links (as in the v2 service). */
export const FIRST_LINK_ID = 10_000n;

/**
 * Writes of OONI Run rows, one at a time in this process: a new id is the highest one plus
 * one, and a revision's key must not collide with the previous one. With a ClickHouse server
 * shared by several API hosts, create links from one host (ids could otherwise collide).
 */
@Injectable()
export class OonirunWriterService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repo: OonirunRepository,
    private readonly cache: OonirunRowsCache,
  ) {}

  /** Runs `task` after every write started before it. */
  serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Call inside `serialized`. */
  async newLinkId(): Promise<string> {
    const max = await this.repo.maxLinkId();
    return String(max >= FIRST_LINK_ID ? max + 1n : FIRST_LINK_ID);
  }

  /** A new revision after `latest`: a strictly later creation time, so it never replaces it. */
  newRevision(latest: OonirunRow, fields: Partial<OonirunRow>, now = Date.now()): OonirunRow {
    const time = Math.max(now, latest.descriptor_creation_time + 1, latest.translation_creation_time + 1);
    return { ...latest, ...fields, descriptor_creation_time: time, translation_creation_time: time };
  }

  /** `row` again with newer metadata: same key, strictly later translation time, so it wins. */
  replacement(row: OonirunRow, fields: Partial<OonirunRow>, now = Date.now()): OonirunRow {
    const time = Math.max(now, row.translation_creation_time + 1);
    return { ...row, ...fields, translation_creation_time: time };
  }

  async insert(rows: readonly OonirunRow[]): Promise<void> {
    await this.repo.insertRows(rows);
    for (const row of rows) this.cache.invalidate(row.ooni_run_link_id);
  }
}
