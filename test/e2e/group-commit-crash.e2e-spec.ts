import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeRecords, encodeRecord, segmentTag } from '../../src/common/spool/journal-segment';
import { startAppProcess } from '../helpers/app-process';
import { compileAppProcess } from '../helpers/compile-app';
import { distinctContent, reportIdFor, submitContent } from '../helpers/submit';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp } from '../helpers/test-app';

const SUBMITTERS = 8;

const postFile = (dir: string, uid: string): string =>
  path.join(dir, 'spool', 'incoming', `${uid.slice(0, 10)}_TM_webconnectivity`, `${uid}.post`);

const segmentsIn = (dir: string): string[] => {
  const journal = path.join(dir, 'spool', 'journal');
  return fs.existsSync(journal)
    ? fs
        .readdirSync(journal)
        .filter((f) => f.endsWith('.wal'))
        .map((f) => path.join(journal, f))
    : [];
};

describe('Group commit: SIGKILL during groups', () => {
  let dir: string;
  let build: { entry: string; dir: string };

  beforeAll(() => {
    dir = makeTempDir();
    build = compileAppProcess();
  });
  afterAll(() => {
    removeDir(dir);
    removeDir(build.dir);
  });

  it('should bring back every acknowledged measurement from the journal, even if its spool file was lost', async () => {
    const proc = await startAppProcess(
      {
        OONI_VAR_DIR: dir,
        OONI__FASTPATH__ENABLED: 'false',
        // No checkpoint before the kill: the journal is the only durable copy.
        OONI__PROBE_SERVICES__GROUP_COMMIT__SEGMENT_MAX_AGE_MS: '600000',
      },
      build.entry,
    );
    const reportId = reportIdFor('groupcrash');
    const acked = new Map<string, string>();
    const stop = { now: false };
    let n = 0;
    const submitting = Promise.all(
      Array.from({ length: SUBMITTERS }, async () => {
        while (!stop.now) {
          const content = distinctContent(reportId, n++);
          const uid = await submitContent(proc.url, reportId, content).catch(() => null);
          if (uid) acked.set(uid, content);
        }
      }),
    );
    while (acked.size < 100) await new Promise((r) => setTimeout(r, 20));
    // Killed with groups in flight: some submissions are queued, appended or being synced.
    await proc.kill('SIGKILL');
    stop.now = true;
    await submitting;

    const segments = segmentsIn(dir);
    expect(segments).toHaveLength(1);
    const tag = segmentTag(segments[0]);
    const records = decodeRecords(fs.readFileSync(segments[0]), tag);
    const journaled = new Set(records.map((r) => r.uid));
    for (const uid of acked.keys()) expect(journaled.has(uid)).toBe(true);

    // What a power loss may do to spool files that were never fsynced: gone, or empty.
    const uids = [...acked.keys()];
    uids.forEach((uid, i) => (i % 2 ? fs.rmSync(postFile(dir, uid)) : fs.truncateSync(postFile(dir, uid), 0)));
    // ...and the tail of a group whose fdatasync never completed: a torn record, never acknowledged.
    const torn = Buffer.concat(encodeRecord(tag, `${uids[0].slice(0, -16)}ffffffffffffffff`, Buffer.alloc(5000, 1)));
    const end = records.reduce((n, r) => n + 18 + r.uid.length + r.body.length, 0);
    const fd = fs.openSync(segments[0], 'r+');
    fs.writeSync(fd, torn, 0, 3000, end);
    fs.closeSync(fd);

    const t = await startTestApp({ fastpath: { enabled: false } }, { varDir: dir, keepVarDir: true });
    try {
      for (const [uid, content] of acked) {
        expect(fs.readFileSync(postFile(dir, uid), 'utf8')).toBe(`{"format":"json","content":${content}}`);
      }
      expect(fs.existsSync(postFile(dir, `${uids[0].slice(0, -16)}ffffffffffffffff`))).toBe(false);
      // Replayed, then deleted: only the new process's segments (if any) remain.
      expect(segmentsIn(dir).filter((s) => s === segments[0])).toEqual([]);
    } finally {
      await t.close();
    }
  }, 180_000);
});
