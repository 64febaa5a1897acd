import * as fs from 'node:fs';
import * as path from 'node:path';
import { zstdDecompress } from '../../src/common/compression/zstd';
import { MetricsService } from '../../src/common/metrics/metrics.service';
import { ByteRange, ObjectStorage, StoredObject } from '../../src/common/storage/object-storage';
import { BackupProgress } from '../../src/modules/scheduler/backup/backup-manifest';
import { BackupService } from '../../src/modules/scheduler/backup/backup.service';
import { RestoreService } from '../../src/modules/scheduler/backup/restore.service';
import { TableDumpRepository } from '../../src/modules/scheduler/backup/table-dump.repository';
import { TableDumper } from '../../src/modules/scheduler/backup/table-dumper';
import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { FIXTURES_DIR } from '../helpers/fixtures';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';

const TABLES = ['asnmeta', 'fastpath'];
const CHUNK_ROWS = 5;
type Summary = Record<string, { rows: number; checksum: string }>;

/** The bucket, recording the chunks written and failing (like a crash) at chunk `failAt.n` of a table. */
class RecordingStorage extends ObjectStorage {
  readonly chunkPuts: string[] = [];
  constructor(
    private readonly inner: ObjectStorage,
    private readonly failAt?: { table: string; n: number },
  ) {
    super();
  }
  async put(key: string, body: Buffer | string): Promise<void> {
    if (key.endsWith('.tsv.zst')) {
      const f = this.failAt;
      if (f && this.chunkPuts.filter((k) => k.includes(`/${f.table}/`)).length >= f.n && key.includes(`/${f.table}/`)) {
        throw new Error('injected failure: connection reset');
      }
      this.chunkPuts.push(key);
    }
    await this.inner.put(key, body);
  }
  putFile(key: string, file: string): Promise<void> {
    return this.inner.putFile(key, file);
  }
  get(key: string, range?: ByteRange): Promise<Buffer> {
    return this.inner.get(key, range);
  }
  list(prefix: string): Promise<StoredObject[]> {
    return this.inner.list(prefix);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  exists(key: string): Promise<boolean> {
    return this.inner.exists(key);
  }
}

async function summaries(t: TestApp): Promise<Summary> {
  const repo = t.app.get(TableDumpRepository);
  const out: Summary = {};
  for (const table of TABLES) out[table] = await repo.summary(table);
  return out;
}

function backupWith(t: TestApp, storage: ObjectStorage): BackupService {
  const get = <T>(c: new (...args: never[]) => T): T => t.app.get(c);
  return new BackupService(t.config, get(TableDumpRepository), get(TableDumper), storage, get(MetricsService));
}

/** (asn, changed) keys of each asnmeta chunk. */
function chunkKeys(bucket: string, keys: string[]): Array<Set<string>> {
  return keys.map((k) => {
    const lines = zstdDecompress(fs.readFileSync(path.join(bucket, k)))
      .toString()
      .trimEnd()
      .split('\n');
    const names = lines[0].split('\t');
    const [asn, changed] = [names.indexOf('asn'), names.indexOf('changed')];
    return new Set(lines.slice(2).map((l) => `${l.split('\t')[asn]}/${l.split('\t')[changed]}`));
  });
}

describe('database backup: resume after a failure in the middle of a table', () => {
  const bucket = makeTempDir('ooni-bucket-');
  const dirs: string[] = [];
  const config = {
    storage: { driver: 'local', local_path: bucket },
    fastpath: { enabled: false },
    db_backup: { tables: TABLES, chunk_rows: CHUNK_ROWS },
  };
  let before: Summary;
  let prefix: string;
  afterAll(() => [bucket, ...dirs].forEach(removeDir));

  it('should continue after the last uploaded chunk, keeping rows that tie on the key in one chunk', async () => {
    const t = await startTestApp(config);
    try {
      await insertFastpathRows(t.clickhouse, scoreFixtures());
      const map = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'data', 'as_org_map.sample.json'), 'utf8'));
      const asnmeta = Object.entries(map as Record<string, string[][]>)
        .slice(0, 20)
        .map(([asn, [[org, cc, changed]]]) => ({
          asn: Number(asn),
          org_name: org,
          cc,
          changed: `${changed.slice(0, 4)}-${changed.slice(4, 6)}-${changed.slice(6)}`,
          aut_name: '',
          source: 'fixture',
        }));
      // The same keys twice, with other values (MergeTree keeps both): rows that tie on (asn, changed).
      await t.clickhouse.insert({ table: 'asnmeta', values: asnmeta, format: 'JSONEachRow' });
      const renamed = asnmeta.map((r) => ({ ...r, org_name: `${r.org_name} (renamed)` }));
      await t.clickhouse.insert({ table: 'asnmeta', values: renamed, format: 'JSONEachRow' });
      before = await summaries(t);
      expect(before.fastpath.rows).toBeGreaterThan(4 * CHUNK_ROWS);
      expect(before.asnmeta.rows).toBe(2 * asnmeta.length);

      const failing = new RecordingStorage(t.app.get(ObjectStorage), { table: 'fastpath', n: 3 });
      await expect(backupWith(t, failing).run()).rejects.toThrow(/injected failure/);
      prefix = failing.chunkPuts[0].split('/').slice(0, 2).join('/');
      const progress = JSON.parse(
        fs.readFileSync(path.join(bucket, prefix, 'progress.json'), 'utf8'),
      ) as BackupProgress;
      expect(progress.tables.map((x) => x.name)).toEqual(['asnmeta']);
      expect(progress.current).toMatchObject({ name: 'fastpath', rows: 3 * CHUNK_ROWS });
      expect(progress.current?.chunks).toHaveLength(3);

      const recording = new RecordingStorage(t.app.get(ObjectStorage));
      const summary = await backupWith(t, recording).run();
      expect(summary).toMatchObject({ prefix, resumed: true });
      const fastpath = summary.tables.find((x) => x.name === 'fastpath');
      expect(fastpath?.rows).toBe(before.fastpath.rows);
      // Only the chunks after the third were written again.
      expect(recording.chunkPuts[0]).toBe(`${prefix}/fastpath/000003.tsv.zst`);
      expect(recording.chunkPuts).toHaveLength((fastpath?.chunks ?? 0) - 3);
      expect(fs.existsSync(path.join(bucket, prefix, 'progress.json'))).toBe(false);

      // An unfinished backup started too long ago is left alone: a new one starts.
      const stale = 'clickhouse_backup/20000101T000000Z';
      const old = { started: '2000-01-01T00:00:00.000Z', tables: [] };
      await t.app.get(ObjectStorage).put(`${stale}/progress.json`, JSON.stringify(old));
      // (Two seconds on: the stamp of a new backup has one-second resolution.)
      const fresh = await backupWith(t, new RecordingStorage(t.app.get(ObjectStorage))).run(
        new Date(Date.now() + 2000),
      );
      expect(fresh.resumed).toBe(false);
      expect([prefix, stale]).not.toContain(fresh.prefix);
      expect(fs.readFileSync(path.join(bucket, stale, 'progress.json'), 'utf8')).toBe(JSON.stringify(old));

      const asnKeys = chunkKeys(
        bucket,
        failing.chunkPuts.filter((k) => k.includes('/asnmeta/')),
      );
      for (let i = 1; i < asnKeys.length; i++) {
        expect([...asnKeys[i]].filter((k) => asnKeys[i - 1].has(k))).toEqual([]);
      }
    } finally {
      await t.close();
    }
  });

  it('should restore the resumed backup to the same row counts and checksums', async () => {
    const t = await startTestApp(config);
    try {
      const restored = await t.app.get(RestoreService).restore(prefix);
      expect(restored.tables.map((x) => [x.name, x.rows, x.checksum_verified])).toEqual(
        TABLES.map((name) => [name, before[name].rows, true]),
      );
      expect(await summaries(t)).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
