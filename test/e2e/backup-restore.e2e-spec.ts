import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { zstdDecompress } from '../../src/common/compression/zstd';
import { ObjectStorage } from '../../src/common/storage/object-storage';
import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { FIXTURES_DIR } from '../helpers/fixtures';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const TABLES = ['citizenlab', 'fastpath', 'url_priorities'];
type Summary = Record<string, { rows: number; checksum: string }>;

interface BackupResult {
  prefix: string;
  resumed: boolean;
  tables: Array<{ name: string; rows: number; chunks: number }>;
}

async function summaries(t: TestApp): Promise<Summary> {
  const out: Summary = {};
  for (const table of TABLES) {
    const rs = await t.clickhouse.query({
      query: 'SELECT count() AS rows, toString(groupBitXor(cityHash64(*))) AS checksum FROM {t:Identifier}',
      query_params: { t: table },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ rows: number; checksum: string }>();
    out[table] = { rows: Number(row.rows), checksum: row.checksum };
  }
  return out;
}

describe('database backup and restore', () => {
  const bucket = makeTempDir('ooni-bucket-');
  const dirs: string[] = [];
  let before: Summary;
  let backup: BackupResult;
  const config = {
    storage: { driver: 'local', local_path: bucket },
    fastpath: { enabled: false },
    db_backup: { tables: TABLES, chunk_rows: 7 },
  };
  afterAll(() => [bucket, ...dirs].forEach(removeDir));

  it('should dump every configured table in zstd chunks with a manifest, and resume an unfinished backup', async () => {
    const varDir = makeTempDir();
    dirs.push(varDir);
    const t = await startTestApp(config, { varDir, keepVarDir: true });
    try {
      await insertFastpathRows(t.clickhouse, scoreFixtures());
      const read = (f: string): Array<Record<string, unknown>> =>
        JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'data', f), 'utf8')) as Array<Record<string, unknown>>;
      const citizenlab = read('citizenlab.json').map((r) => ({
        ...r,
        domain: new URL(String(r.url)).hostname,
        cc: 'ZZ',
      }));
      await t.clickhouse.insert({ table: 'citizenlab', values: citizenlab, format: 'JSONEachRow' });
      await t.clickhouse.insert({
        table: 'url_priorities',
        values: read('url_priorities_us.json').map((r) => ({ ...r, sign: 1 })),
        format: 'JSONEachRow',
      });
      before = await summaries(t);
      expect(Object.values(before).every((s) => s.rows > 7)).toBe(true);

      const admin = t.app
        .get(SessionTokenService)
        .issue('a'.repeat(32), 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
      const runBackup = async (): Promise<BackupResult> => {
        const res = await fetch(`${t.url}/api/_/admin/run-job/backup`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}` },
        });
        expect(res.status).toBe(200);
        return (await res.json()) as BackupResult;
      };
      backup = await runBackup();
      expect(backup.prefix).toMatch(/^clickhouse_backup\/\d{8}T\d{6}Z$/);
      expect(backup.tables).toEqual(
        TABLES.map((name) => ({ name, rows: before[name].rows, chunks: Math.ceil(before[name].rows / 7) })),
      );
      const storage = t.app.get(ObjectStorage);
      const keys = (await storage.list(`${backup.prefix}/`)).map((o) => o.key);
      expect(keys).toContain(`${backup.prefix}/manifest.json`);
      expect(keys).toContain(`${backup.prefix}/fastpath/000000.tsv.zst`);
      expect(keys.some((k) => k.endsWith('progress.json'))).toBe(false);
      const first = zstdDecompress(await storage.get(`${backup.prefix}/citizenlab/000000.tsv.zst`))
        .toString()
        .split('\n');
      expect(first.slice(0, 2)).toEqual(['domain\turl\tcc\tcategory_code', 'String\tString\tFixedString(32)\tString']);
      expect(first.length).toBe(2 + 7 + 1);

      // An interrupted backup (citizenlab done, the rest not) is finished by the next run.
      const manifest = JSON.parse((await storage.get(`${backup.prefix}/manifest.json`)).toString()) as {
        started: string;
        tables: Array<{ name: string }>;
      };
      const unfinished = 'clickhouse_backup/20000101T000000Z';
      await storage.put(
        `${unfinished}/progress.json`,
        JSON.stringify({ started: manifest.started, tables: manifest.tables.slice(0, 1) }),
      );
      const resumed = await runBackup();
      expect(resumed).toMatchObject({ prefix: unfinished, resumed: true });
      const resumedKeys = (await storage.list(`${unfinished}/`)).map((o) => o.key);
      expect(resumedKeys.some((k) => k.startsWith(`${unfinished}/citizenlab/`))).toBe(false);
      expect(resumedKeys).toContain(`${unfinished}/fastpath/000000.tsv.zst`);
      expect(resumedKeys).toContain(`${unfinished}/manifest.json`);
    } finally {
      await t.close();
    }
  });

  it('should restore into a fresh data directory with the same row counts and checksums', async () => {
    const fresh = makeTempDir();
    dirs.push(fresh);
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      OONI_VAR_DIR: fresh,
      OONI__STORAGE__LOCAL_PATH: bucket,
    };
    const cli = (args: string[]): Promise<{ stdout: string }> =>
      run(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', ...args], { cwd: ROOT, env, timeout: 120000 });
    // A damaged chunk is refused before anything is inserted.
    const damaged = 'clickhouse_backup/damaged';
    const manifestText = fs.readFileSync(path.join(bucket, backup.prefix, 'manifest.json'), 'utf8');
    fs.mkdirSync(path.join(bucket, damaged, 'citizenlab'), { recursive: true });
    fs.writeFileSync(
      path.join(bucket, damaged, 'manifest.json'),
      manifestText.replaceAll(`${backup.prefix}/citizenlab/`, `${damaged}/citizenlab/`),
    );
    for (const f of fs.readdirSync(path.join(bucket, backup.prefix, 'citizenlab'))) {
      const body = fs.readFileSync(path.join(bucket, backup.prefix, 'citizenlab', f));
      if (f === '000000.tsv.zst') body[body.length - 5] ^= 0xff;
      fs.writeFileSync(path.join(bucket, damaged, 'citizenlab', f), body);
    }
    await expect(cli(['restore', damaged])).rejects.toMatchObject({
      stderr: expect.stringMatching(/000000\.tsv\.zst is damaged/),
    });

    const { stdout } = await cli(['restore', backup.prefix]);
    const restored = JSON.parse(stdout) as {
      tables: Array<{ name: string; rows: number; checksum_verified: boolean }>;
    };
    expect(restored.tables.map((t) => [t.name, t.rows, t.checksum_verified])).toEqual(
      TABLES.map((name) => [name, before[name].rows, true]),
    );
    // A second restore into the now non-empty database is refused.
    await expect(cli(['restore', backup.prefix])).rejects.toMatchObject({ stderr: expect.stringMatching(/not empty/) });
    await expect(cli(['restore', 'clickhouse_backup/nope'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/not a complete backup/),
    });

    const t = await startTestApp(
      { ...config, storage: { driver: 'local', local_path: bucket } },
      { varDir: fresh, keepVarDir: true },
    );
    try {
      expect(await summaries(t)).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
