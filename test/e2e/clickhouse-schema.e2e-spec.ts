import { ClickHouseClient } from '@clickhouse/client';
import { createClickhouseClient } from '../../src/common/clickhouse/create-clickhouse-client';
import { MIGRATIONS } from '../../src/common/clickhouse/migrations';
import { Migrator } from '../../src/common/clickhouse/migrator';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { testConfig } from '../helpers/test-config';

// Every table of the backend manual, section "ClickHouse".
const TABLES = [
  'accounts',
  'asnmeta',
  'asnmeta_tmp',
  'blocking_events',
  'blocking_status',
  'citizenlab',
  'citizenlab_flip',
  'counters_asn_test_list',
  'counters_test_list',
  'fastpath',
  'fingerprints_dns',
  'fingerprints_dns_tmp',
  'fingerprints_http',
  'fingerprints_http_tmp',
  'incidents',
  'jsonl',
  'msmt_feedback',
  'obs_openvpn',
  'oonirun',
  'session_expunge',
  'test_groups',
  'test_helper_instances',
  'url_priorities',
];

async function rows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
}

describe('ClickHouse schema', () => {
  let dir: string;
  let client: ClickHouseClient;

  beforeAll(async () => {
    dir = makeTempDir();
    client = await createClickhouseClient(testConfig(dir));
  });
  afterAll(async () => {
    await client.close();
    removeDir(dir);
  });

  it('should create every table with the engine of the manual, then do nothing on a second run', async () => {
    expect(await new Migrator(client).migrate()).toEqual(MIGRATIONS.map((m) => m.id));
    const tables = await rows<{ name: string; engine: string }>(
      client,
      'SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name',
    );
    const names = tables.map((t) => t.name);
    for (const table of TABLES) expect(names).toContain(table);
    const engine = Object.fromEntries(tables.map((t) => [t.name, t.engine]));
    expect(engine).toMatchObject({
      fastpath: 'ReplacingMergeTree',
      accounts: 'EmbeddedRocksDB',
      fingerprints_http: 'EmbeddedRocksDB',
      test_groups: 'Join',
      url_priorities: 'CollapsingMergeTree',
      counters_asn_test_list: 'MaterializedView',
      asnmeta: 'MergeTree',
    });
    expect(await new Migrator(client).migrate()).toEqual([]);
  });

  it('should fill test_groups with the standard mapping', async () => {
    const [row] = await rows<{ wc: string; tor: string; signal: string }>(
      client,
      `SELECT joinGet('test_groups', 'test_group', 'web_connectivity') AS wc,
              joinGet('test_groups', 'test_group', 'vanilla_tor') AS tor,
              joinGet('test_groups', 'test_group', 'signal') AS signal`,
    );
    expect(row).toEqual({ wc: 'websites', tor: 'circumvention', signal: 'im' });
  });

  it('should count recent web_connectivity measurements of listed URLs in counters_asn_test_list', async () => {
    await client.insert({
      table: 'citizenlab',
      values: [{ domain: 'example.org', url: 'https://example.org/', cc: 'ZZ', category_code: 'NEWS' }],
      format: 'JSONEachRow',
    });
    const now = new Date(Date.now() - 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    const msm = (uid: string, input: string) => ({
      measurement_uid: uid,
      report_id: 'r',
      input,
      probe_cc: 'IT',
      probe_asn: 3269,
      test_name: 'web_connectivity',
      test_start_time: now,
      measurement_start_time: now,
      scores: '{}',
    });
    await client.insert({
      table: 'fastpath',
      values: [msm('u1', 'https://example.org/'), msm('u2', 'https://example.org/'), msm('u3', 'https://unlisted/')],
      format: 'JSONEachRow',
    });
    const counters = await rows<{ input: string; cnt: string }>(
      client,
      `SELECT input, sum(msmt_cnt) AS cnt FROM counters_asn_test_list
       WHERE probe_cc = 'IT' AND probe_asn = 3269 GROUP BY input`,
    );
    expect(counters).toEqual([{ input: 'https://example.org/', cnt: 2 }]);
  });
});

describe('ClickHouse server connection', () => {
  it('should fail fast with a clear error when nothing listens at clickhouse.url', async () => {
    const dir = makeTempDir();
    try {
      const started = Date.now();
      await expect(
        createClickhouseClient(
          testConfig(dir, { clickhouse: { url: 'http://127.0.0.1:1', connect_timeout_ms: 3000 } }),
        ),
      ).rejects.toThrow(/ClickHouse at http:\/\/127\.0\.0\.1:1 is unreachable/);
      expect(Date.now() - started).toBeLessThan(10000);
    } finally {
      removeDir(dir);
    }
  });
});
