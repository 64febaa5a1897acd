import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { sqlJoin } from '../../common/clickhouse/sql-fragments';
import { IncidentOrderBy } from './dto/search-incidents.query.dto';
import { IncidentRecord, IncidentSearchFilters, IncidentSummary } from './incidents.types';

// Times and the FixedString id get their own aliases: an alias named like a column would
// shadow it in WHERE and ORDER BY.
const SUMMARY_COLUMNS = `id, slug, toUnixTimestamp(create_time) AS create_ts, toUnixTimestamp(update_time) AS update_ts,
  toUnixTimestamp(start_time) AS start_ts, toUnixTimestamp(end_time) AS end_ts,
  toString(creator_account_id) AS creator, reported_by, title, short_description, email_address,
  toString(event_type) AS kind, published, deleted, CCs, ASNs, domains, tags, themes, links, test_names`;
const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, text`;

// ORDER BY comes only from this closed map, never from the request text.
const ORDER_DIRECTION = { ASC: 'ASC', DESC: 'DESC' } as const;

const ORDER_COLUMN: Record<IncidentOrderBy, string> = {
  create_time: 'create_time',
  update_time: 'update_time',
  start_time: 'start_time',
  end_time: 'end_time',
  title: 'title',
};

// The caller's own rows; '' (anonymous) never matches a stored 32-character account id.
const MINE = "({viewer:String} != '' AND creator_account_id = toFixedString({viewer:String}, 32))";

/*
 * A deletion is a version with deleted = 1 and the largest DateTime as its
 * ReplacingMergeTree version: no later write (say, an update racing the delete) can
 * outrank it, so a deleted finding never comes back.
 */
const TOMBSTONE_VERSION = 4294967295;

/** A row as ClickHouse returns it: the record's fields under their column names, flags as numbers. */
type RawRow = Omit<
  IncidentRecord,
  | 'create_time'
  | 'update_time'
  | 'start_time'
  | 'end_time'
  | 'creator_account_id'
  | 'event_type'
  | 'text'
  | 'published'
  | 'deleted'
> & {
  create_ts: number;
  update_ts: number;
  start_ts: number;
  end_ts: number | null;
  creator: string;
  kind: string;
  published: number;
  deleted: number;
  text?: string;
};

function toRecord(row: RawRow): IncidentRecord {
  const { create_ts, update_ts, start_ts, end_ts, creator, kind, published, deleted, text, ...rest } = row;
  return {
    ...rest,
    text: text ?? '',
    create_time: create_ts,
    update_time: update_ts,
    start_time: start_ts,
    end_time: end_ts,
    // FixedString(32) pads shorter ids with NUL bytes.
    creator_account_id: creator.replace(/\0+$/, ''),
    event_type: kind,
    published: published === 1,
    deleted: deleted === 1,
  };
}

const EXAMPLE_RECORD: IncidentRecord = {
  id: '372931250001',
  slug: '2024-china-is-blocking-ooni',
  create_time: 1704067200,
  update_time: 1704067200,
  start_time: 1704067200,
  end_time: null,
  creator_account_id: '0123456789abcdef0123456789abcdef',
  reported_by: 'OONI',
  title: 'China is blocking OONI',
  text: 'Markdown **text**',
  short_description: 'Blocking of ooni.org',
  email_address: 'admin@example.org',
  event_type: 'incident',
  published: false,
  deleted: false,
  CCs: ['CN'],
  ASNs: [4134],
  domains: ['ooni.org'],
  tags: [],
  themes: ['circumvention'],
  links: [],
  test_names: ['web_connectivity'],
};

const summaryOf = (record: IncidentRecord): IncidentSummary => {
  const { text: _text, ...summary } = record;
  return summary;
};

/**
 * `incidents` (Explorer's Findings): a ReplacingMergeTree keyed by id whose version is
 * `update_time`. Every read uses FINAL, so a change is visible to the next request.
 */
@Injectable()
export class IncidentsRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  @SqlExample({
    params: [
      {
        viewer: { accountId: null, admin: false },
        onlyMine: false,
        themes: ['social_media'],
        ccs: ['IT'],
        asns: [3269],
        domains: ['www.facebook.com'],
        published: true,
        orderBy: 'create_time',
        order: 'DESC',
        limit: 1000,
      },
    ],
  })
  async search(f: IncidentSearchFilters): Promise<IncidentSummary[]> {
    const params: Record<string, unknown> = {
      viewer: f.viewer.accountId ?? '',
      admin: f.viewer.admin,
      limit: f.limit,
    };
    const where = ['deleted = 0', `(published = 1 OR {admin:Bool} OR ${MINE})`];
    const add = (clause: string, name: string, value: unknown): void => {
      where.push(clause);
      params[name] = value;
    };
    if (f.onlyMine) where.push(MINE);
    if (f.themes.length > 0) add('hasAny(themes, {themes:Array(String)})', 'themes', f.themes);
    if (f.ccs.length > 0) add('hasAny(CCs, {ccs:Array(FixedString(2))})', 'ccs', f.ccs);
    if (f.asns.length > 0) add('hasAny(ASNs, {asns:Array(UInt32)})', 'asns', f.asns);
    if (f.domains.length > 0) add('hasAny(domains, {domains:Array(String)})', 'domains', f.domains);
    if (f.published !== undefined) add('published = {published:UInt8}', 'published', f.published ? 1 : 0);
    if (f.creator) add('creator_account_id = toFixedString({creator:String}, 32)', 'creator', f.creator);
    const sql = [
      `SELECT ${SUMMARY_COLUMNS} FROM incidents FINAL`,
      `WHERE ${sqlJoin(where, ' AND ')}`,
      `ORDER BY ${ORDER_COLUMN[f.orderBy]} ${ORDER_DIRECTION[f.order]}, id`,
      'LIMIT {limit:UInt32}',
    ].join('\n');
    return (await this.rows(sql, params)).map((r) => summaryOf(toRecord(r)));
  }

  /** The current version of a finding, deleted or not; null when the id was never used. */
  @SqlExample({ params: ['372931250001'] })
  async findById(id: string): Promise<IncidentRecord | null> {
    const sql = `SELECT ${RECORD_COLUMNS} FROM incidents FINAL WHERE id = {id:String} LIMIT 1`;
    const [row] = await this.rows(sql, { id });
    return row ? toRecord(row) : null;
  }

  /** The oldest live finding with this slug, or null. */
  @SqlExample({ params: ['2024-china-is-blocking-ooni'] })
  async findBySlug(slug: string): Promise<IncidentRecord | null> {
    const sql = `SELECT ${RECORD_COLUMNS} FROM incidents FINAL
      WHERE slug = {slug:String} AND deleted = 0 ORDER BY create_time, id LIMIT 1`;
    const [row] = await this.rows(sql, { slug });
    return row ? toRecord(row) : null;
  }

  /** Whether a live finding other than `exceptId` uses this slug. */
  @SqlExample({ params: ['2024-china-is-blocking-ooni', '372931250001'] })
  async slugTaken(slug: string, exceptId: string): Promise<boolean> {
    const rs = await this.clickhouse.query({
      query: `SELECT count() AS n FROM incidents FINAL
              WHERE slug = {slug:String} AND deleted = 0 AND id != {except:String}`,
      query_params: { slug, except: exceptId },
      format: 'JSONEachRow',
    });
    const [{ n }] = await rs.json<{ n: number }>();
    return n > 0;
  }

  /** Writes a new version of a finding (create, update, publish, unpublish). */
  @SqlExample({ params: [EXAMPLE_RECORD] })
  async save(record: IncidentRecord): Promise<void> {
    await this.clickhouse.insert({
      table: 'incidents',
      values: [
        {
          ...record,
          published: record.published ? 1 : 0,
          deleted: record.deleted ? 1 : 0,
        },
      ],
      format: 'JSONEachRow',
    });
  }

  /** Deletes a finding for good (see TOMBSTONE_VERSION). */
  @SqlExample({ params: [EXAMPLE_RECORD] })
  async delete(record: IncidentRecord): Promise<void> {
    await this.save({ ...record, deleted: true, update_time: TOMBSTONE_VERSION });
  }

  private async rows(sql: string, params: Record<string, unknown>): Promise<RawRow[]> {
    const rs = await this.clickhouse.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return rs.json<RawRow>();
  }
}
