import { ClickHouseClient } from '@clickhouse/client';
import { createClickhouseClient } from '../../src/common/clickhouse/create-clickhouse-client';
import { Migrator } from '../../src/common/clickhouse/migrator';
import { SQL_EXAMPLE_KEY, SqlExampleOptions } from '../../src/common/clickhouse/sql-example.decorator';
import { OonirunRepository } from '../../src/modules/oonirun/oonirun.repository';
import { OonirunRow } from '../../src/modules/oonirun/oonirun.types';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { testConfig } from '../helpers/test-config';

const ACCOUNT = 'a'.repeat(32);

function row(id: string, dct: number, tct: number, fields: Partial<OonirunRow> = {}): OonirunRow {
  return {
    ooni_run_link_id: id,
    descriptor_creation_time: dct,
    translation_creation_time: tct,
    creator_account_id: ACCOUNT,
    archived: 0,
    descriptor: '{}',
    author: 'me',
    name: `link ${id}`,
    short_description: '',
    icon: '',
    expiration_date: null,
    ...fields,
  };
}

describe(OonirunRepository.name, () => {
  let dir: string;
  let client: ClickHouseClient;
  let repo: OonirunRepository;

  beforeAll(async () => {
    dir = makeTempDir();
    client = await createClickhouseClient(testConfig(dir));
    await new Migrator(client).migrate();
    repo = new OonirunRepository(client);
  });
  afterAll(async () => {
    await client.close();
    removeDir(dir);
  });

  it('should run every @SqlExample on ClickHouse', async () => {
    const proto = OonirunRepository.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const methods = Object.getOwnPropertyNames(proto).filter((m) => m !== 'constructor' && !m.startsWith('rows'));
    for (const method of methods) {
      const examples = Reflect.getMetadata(SQL_EXAMPLE_KEY, proto[method]) as SqlExampleOptions[] | undefined;
      expect({ method, hasExample: Array.isArray(examples) }).toEqual({ method, hasExample: true });
      for (const example of examples ?? []) {
        await proto[method].apply(repo, example.params); // a rejection fails the test
      }
    }
  });

  it('should keep the newest translation of each revision and exact epoch milliseconds', async () => {
    const t0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    await repo.insertRows([row('10000', t0, t0), row('10000', t0 + 1000, t0 + 1000), row('10001', t0, t0)]);
    await repo.insertRows([row('10000', t0, t0 + 5000, { name: 'renamed', expiration_date: t0 + 9 })]);
    const rows = await repo.linkRows('10000');
    expect(rows.map((r) => [r.descriptor_creation_time, r.translation_creation_time, r.name])).toEqual([
      [t0, t0 + 5000, 'renamed'],
      [t0 + 1000, t0 + 1000, 'link 10000'],
    ]);
    expect(rows[0]).toMatchObject({ creator_account_id: ACCOUNT, expiration_date: t0 + 9, ooni_run_link_id: '10000' });
    expect(await repo.maxLinkId()).toBe(10001n);
  });

  it('should filter listings by creator and ids', async () => {
    await repo.insertRows([row('10002', 1, 1, { creator_account_id: 'short-id' })]);
    const mine = await repo.listRows({ creatorAccountId: 'short-id' });
    expect(mine.map((r) => [r.ooni_run_link_id, r.creator_account_id])).toEqual([['10002', 'short-id']]);
    const some = await repo.listRows({ linkIds: ['10001', '10002', '99'] });
    expect(some.map((r) => r.ooni_run_link_id)).toEqual(['10001', '10002']);
    expect((await repo.listRows({})).length).toBe(4);
  });
});
