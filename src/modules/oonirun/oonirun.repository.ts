import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { sqlJoin } from '../../common/clickhouse/sql-fragments';
import { OonirunListFilter, OonirunRow } from './oonirun.types';

// FINAL: the newest translation of each revision (ReplacingMergeTree on translation_creation_time).
// Ids as strings and times as epoch milliseconds: exact whatever the session time zone. The
// aliases differ from the column names, which WHERE and ORDER BY keep referring to.
const COLUMNS = `toString(ooni_run_link_id) AS link_id,
  toUnixTimestamp64Milli(descriptor_creation_time) AS dct_ms,
  toUnixTimestamp64Milli(translation_creation_time) AS tct_ms,
  toString(creator_account_id) AS creator, archived, descriptor, author, name,
  short_description, icon, toUnixTimestamp64Milli(expiration_date) AS expiration_ms`;

/** A selected row: the row's fields, those converted in SQL under their aliases. */
type SelectedRow = Omit<
  OonirunRow,
  | 'ooni_run_link_id'
  | 'descriptor_creation_time'
  | 'translation_creation_time'
  | 'creator_account_id'
  | 'expiration_date'
> & {
  link_id: string;
  dct_ms: number;
  tct_ms: number;
  creator: string;
  expiration_ms: number | null;
};

const toRow = (r: SelectedRow): OonirunRow => ({
  ooni_run_link_id: r.link_id,
  descriptor_creation_time: r.dct_ms,
  translation_creation_time: r.tct_ms,
  // FixedString(32) pads shorter ids with NUL bytes.
  creator_account_id: r.creator.replace(/\0+$/, ''),
  archived: r.archived,
  descriptor: r.descriptor,
  author: r.author,
  name: r.name,
  short_description: r.short_description,
  icon: r.icon,
  expiration_date: r.expiration_ms,
});

/** Upper bound of a listing: OONI has thousands of links, not millions. */
const LIST_LIMIT = 100_000;

/** SQL of OONI Run (v1 descriptors and v2 links share the `oonirun` table). */
@Injectable()
export class OonirunRepository {
  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  private async rows(query: string, params: Record<string, unknown>): Promise<OonirunRow[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return (await rs.json<SelectedRow>()).map(toRow);
  }

  /** Every revision of one link, oldest first. */
  @SqlExample({ params: ['10000'] })
  linkRows(linkId: string): Promise<OonirunRow[]> {
    return this.rows(
      `SELECT ${COLUMNS} FROM oonirun FINAL
       WHERE ooni_run_link_id = {link_id:UInt64}
       ORDER BY descriptor_creation_time`,
      { link_id: linkId },
    );
  }

  /** Every revision of the links matching the filter, by link then oldest first. */
  @SqlExample({ params: [{}] }, { name: 'mine', params: [{ creatorAccountId: 'a'.repeat(32), linkIds: ['10000'] }] })
  listRows(filter: OonirunListFilter): Promise<OonirunRow[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: LIST_LIMIT };
    if (filter.creatorAccountId !== undefined) {
      where.push('creator_account_id = {account_id:FixedString(32)}');
      params.account_id = filter.creatorAccountId;
    }
    if (filter.linkIds !== undefined) {
      // Strings: the client quotes array items, which Array(UInt64) does not accept.
      where.push('toString(ooni_run_link_id) IN {link_ids:Array(String)}');
      params.link_ids = filter.linkIds;
    }
    return this.rows(
      `SELECT ${COLUMNS} FROM oonirun FINAL WHERE ${sqlJoin(where.length > 0 ? where : ['1'], ' AND ')}
       ORDER BY ooni_run_link_id, descriptor_creation_time
       LIMIT {limit:UInt32}`,
      params,
    );
  }

  /** The highest link id in use, 0 when there is none. */
  @SqlExample({ params: [] })
  async maxLinkId(): Promise<bigint> {
    const rs = await this.client.query({
      query: 'SELECT toString(max(ooni_run_link_id)) AS id FROM oonirun',
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ id: string }>();
    return BigInt(row?.id ?? '0');
  }

  /** Writes revisions; a row with the key of an existing one replaces it when its translation time is newer. */
  @SqlExample({ params: [[]] })
  async insertRows(rows: readonly OonirunRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: 'oonirun', values: rows, format: 'JSONEachRow' });
  }
}
