import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample, SqlExampleOptions } from '../../common/clickhouse/sql-example.decorator';
import { sqlJoin } from '../../common/clickhouse/sql-fragments';
import { FastpathSearchRow } from '../measurements/measurements.types';
import { OrderBy, SearchFilters } from '../measurements/search-params';

// Formatted times get their own aliases: an alias named like a column would shadow it in WHERE.
const COLUMNS = `measurement_uid, report_id, probe_cc, probe_asn, test_name,
  formatDateTime(measurement_start_time, '%Y-%m-%dT%H:%i:%SZ') AS measurement_start_time_z,
  formatDateTime(test_start_time, '%Y-%m-%dT%H:%i:%SZ') AS test_start_time_z,
  input, anomaly, confirmed, msm_failure, scores, is_verified`;

// ORDER BY comes only from this closed map, never from the request text.
const ORDER_COLUMN: Record<OrderBy, string> = {
  test_start_time: 'test_start_time',
  measurement_start_time: 'measurement_start_time',
  input: 'input',
  probe_cc: 'probe_cc',
  probe_asn: 'probe_asn',
  test_name: 'test_name',
};

function formatDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

const SORT_DIRECTION = { ASC: 'ASC', DESC: 'DESC' } as const;
/** The page's time edge: the oldest row of a newest-first page, the newest of an oldest-first one. */
const EDGE_AGGREGATE = { ASC: 'max', DESC: 'min' } as const;
const EDGE_COMPARISON = { ASC: '<=', DESC: '>=' } as const;

/** The search filters as WHERE clauses (never empty) and their query parameters. */
function searchClauses(f: SearchFilters): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
  const add = (clause: string, name?: string, value?: unknown): void => {
    where.push(clause);
    if (name !== undefined) params[name] = value;
  };
  if (f.since) add('measurement_start_time > {since:DateTime}', 'since', formatDateTime(f.since));
  if (f.until) add('measurement_start_time <= {until:DateTime}', 'until', formatDateTime(f.until));
  if (f.reportId) add('report_id = {report_id:String}', 'report_id', f.reportId);
  // Measurements from unknown networks are never listed (ooni.org/post/2020-ooni-probe-asn-incident-report).
  if (f.probeCc) add('probe_cc = {probe_cc:String}', 'probe_cc', f.probeCc);
  else add("probe_cc != 'ZZ'");
  if (f.probeAsn !== undefined) add('probe_asn = {probe_asn:Int32}', 'probe_asn', f.probeAsn);
  else add('probe_asn != 0');
  if (f.testName) add('test_name = {test_name:String}', 'test_name', f.testName);
  if (f.softwareVersions) {
    add('software_version IN {software_versions:Array(String)}', 'software_versions', f.softwareVersions);
  }
  if (f.testVersions) add('test_version IN {test_versions:Array(String)}', 'test_versions', f.testVersions);
  if (f.engineVersions) add('engine_version IN {engine_versions:Array(String)}', 'engine_versions', f.engineVersions);
  if (f.oonirunLinkId) add('ooni_run_link_id = {oonirun:UInt64}', 'oonirun', f.oonirunLinkId);
  for (const [flag, column] of [
    [f.anomaly, 'anomaly'],
    [f.confirmed, 'confirmed'],
    [f.failure, 'msm_failure'],
  ] as const) {
    if (flag !== undefined) where.push(`${column} = '${flag ? 't' : 'f'}'`);
  }
  // `input` overrides domain and category_code (legacy).
  if (f.input) {
    add('input = {input:String}', 'input', f.input);
  } else {
    if (f.domain) add('domain = {domain:String}', 'domain', f.domain);
    if (f.categoryCode) {
      add(
        'input IN (SELECT url FROM citizenlab WHERE category_code = {category_code:String})',
        'category_code',
        f.categoryCode,
      );
    }
  }
  return { where, params };
}

/** @SqlExample of `search`: the defaults, every filter, by input. */
const SEARCH_EXAMPLES: SqlExampleOptions<[SearchFilters]>[] = [
  { params: [{ orderBy: 'measurement_start_time', order: 'DESC', offset: 0, limit: 50 }], name: 'defaults' },
  {
    name: 'every filter',
    params: [
      {
        reportId: '20240101T000000Z_webconnectivity_IT_30722_n1_abcdefghijklmnop',
        probeCc: 'IT',
        probeAsn: 30722,
        testName: 'web_connectivity',
        since: new Date('2024-01-01T00:00:00Z'),
        until: new Date('2024-01-31T00:00:00Z'),
        anomaly: true,
        confirmed: false,
        failure: false,
        domain: 'example.org',
        categoryCode: 'NEWS',
        softwareVersions: ['3.20.0'],
        testVersions: ['0.4.3'],
        engineVersions: ['3.20.0'],
        oonirunLinkId: '10009',
        orderBy: 'test_start_time',
        order: 'ASC',
        offset: 100,
        limit: 10,
      },
    ],
  },
  {
    params: [{ input: 'https://example.org/', orderBy: 'input', order: 'ASC', offset: 0, limit: 10 }],
    name: 'input',
  },
];

/** `fastpath` reads for measurement search and metadata. Duplicates of the ReplacingMergeTree are merged with FINAL. */
@Injectable()
export class FastpathSearchReader {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  @SqlExample(...SEARCH_EXAMPLES)
  async search(f: SearchFilters): Promise<FastpathSearchRow[]> {
    const { where, params } = searchClauses(f);
    const order = f.order === 'ASC' ? 'ASC' : 'DESC';
    const final = (extra?: string): Promise<FastpathSearchRow[]> =>
      this.rows(
        sqlJoin(
          [
            `SELECT ${COLUMNS} FROM fastpath FINAL`,
            `WHERE ${sqlJoin([...where, ...(extra ? [extra] : [])], ' AND ')}`,
            `ORDER BY ${ORDER_COLUMN[f.orderBy]} ${SORT_DIRECTION[order]}, measurement_uid`,
            'LIMIT {limit:UInt32} OFFSET {offset:UInt32}',
          ],
          '\n',
        ),
        params,
      );
    if (f.orderBy !== 'measurement_start_time') return final();

    // FINAL over a whole month costs a merge of every row. The newest (or oldest) page lies
    // in a narrow time window: find its edge without FINAL (cheap, in key order), then
    // deduplicate only that window. Duplicates can only shrink the window's distinct rows:
    // when it yields a full page, that page is exact; otherwise fall back to the full query.
    const [{ edge }] = await this.rows<{ edge: number }>(
      sqlJoin(
        [
          `SELECT toUnixTimestamp(${EDGE_AGGREGATE[order]}(t)) AS edge FROM (`,
          `SELECT measurement_start_time AS t FROM fastpath WHERE ${sqlJoin(where, ' AND ')}`,
          `ORDER BY measurement_start_time ${SORT_DIRECTION[order]} LIMIT {window:UInt32})`,
        ],
        '\n',
      ),
      // Twice the page: a few unmerged duplicates (recent reprocessing) still leave a full page.
      { ...params, window: 2 * (f.offset + f.limit) },
    );
    params.edge = edge;
    const page = await final(`measurement_start_time ${EDGE_COMPARISON[order]} toDateTime({edge:UInt32})`);
    return page.length === f.limit ? page : final();
  }

  private async rows<T = FastpathSearchRow>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const rs = await this.clickhouse.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  @SqlExample({ params: ['20240101000000.000000_IT_webconnectivity_0123456789abcdef'] })
  async byUid(measurementUid: string): Promise<FastpathSearchRow | undefined> {
    const sql = `SELECT ${COLUMNS} FROM fastpath FINAL WHERE measurement_uid = {uid:String} LIMIT 1`;
    const rs = await this.clickhouse.query({
      query: sql,
      query_params: { uid: measurementUid },
      format: 'JSONEachRow',
    });
    return (await rs.json<FastpathSearchRow>())[0];
  }

  @SqlExample({ params: ['20240101T000000Z_webconnectivity_IT_30722_n1_abcdefghijklmnop', 'https://example.org/'] })
  async byReportInput(reportId: string, input: string): Promise<FastpathSearchRow | undefined> {
    const sql = `SELECT ${COLUMNS} FROM fastpath FINAL
      WHERE report_id = {report_id:String} AND input = {input:String} LIMIT 1`;
    const rs = await this.clickhouse.query({
      query: sql,
      query_params: { report_id: reportId, input },
      format: 'JSONEachRow',
    });
    return (await rs.json<FastpathSearchRow>())[0];
  }
}
