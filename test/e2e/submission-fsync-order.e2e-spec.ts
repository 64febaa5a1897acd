import * as fs from 'node:fs';
import { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { decodeRecords, segmentTag } from '../../src/common/spool/journal-segment';
import { loadMeasurement } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

const RID = '20240101T000000Z_webconnectivity_IT_3269_n1_abcdefghijklmnop';
/** Every fsync is slowed down: an answer sent before an fsync completes cannot hide behind a race. */
const SYNC_DELAY_MS = 50;

/** Where a measurement of the test report is spooled, relative to the spool. */
const postFile = (uid: string): string =>
  path.join('incoming', `${uid.slice(0, 10)}_IT_webconnectivity`, `${uid}.post`);

/** `uids`: the measurements a journal write carried, or the one a response acknowledged. */
type Step = { op: string; file: string; uids?: string[] };

/** Records, in order, the spool's file system calls and the moment each HTTP answer is written. */
function recordSteps(spoolDir: string): { steps: Step[]; restore: () => void } {
  const steps: Step[] = [];
  const rel = (p: string): string => path.relative(spoolDir, p).replace(/\.tmp-[0-9a-f]+$/, '.tmp');
  const open = fs.promises.open.bind(fs.promises);
  const openSpy = jest.spyOn(fs.promises, 'open').mockImplementation(async (file, ...rest) => {
    const handle = await open(file, ...rest);
    const name = String(file);
    if (!name.startsWith(spoolDir)) return handle;
    steps.push({ op: 'open', file: rel(name) });
    const writeFile = handle.writeFile.bind(handle);
    const writev = handle.writev.bind(handle);
    const sync = handle.sync.bind(handle);
    const datasync = handle.datasync.bind(handle);
    handle.writeFile = async (...args: Parameters<typeof writeFile>) => {
      await writeFile(...args);
      steps.push({ op: 'written', file: rel(name) });
    };
    handle.writev = (async (buffers: Buffer[], position?: number) => {
      const result = await writev(buffers, position);
      const uids = decodeRecords(Buffer.concat(buffers), segmentTag(name)).map((r) => r.uid);
      steps.push({ op: 'appended', file: rel(name), uids });
      // No spool file before the journal holds the measurement durably.
      for (const uid of uids) {
        if (fs.existsSync(path.join(spoolDir, postFile(uid)))) steps.push({ op: 'early', file: uid });
      }
      return result;
    }) as typeof handle.writev;
    handle.sync = async () => {
      await new Promise((r) => setTimeout(r, SYNC_DELAY_MS));
      await sync();
      steps.push({ op: 'synced', file: rel(name) });
    };
    handle.datasync = async () => {
      await new Promise((r) => setTimeout(r, SYNC_DELAY_MS));
      await datasync();
      steps.push({ op: 'datasynced', file: rel(name) });
    };
    return handle;
  });
  const rename = fs.promises.rename.bind(fs.promises);
  const renameSpy = jest.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
    await rename(from, to);
    if (String(to).startsWith(spoolDir)) steps.push({ op: 'renamed', file: rel(String(to)) });
  });
  // The moment each answer is written, with the uid it acknowledges.
  const realWriteHead = ServerResponse.prototype.writeHead;
  const realEnd = ServerResponse.prototype.end;
  ServerResponse.prototype.writeHead = function (
    this: ServerResponse,
    ...args: Parameters<ServerResponse['writeHead']>
  ) {
    steps.push({ op: `status ${args[0]}`, file: '' });
    return realWriteHead.apply(this, args);
  } as ServerResponse['writeHead'];
  ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
    const m = typeof args[0] === 'string' ? /"measurement_uid":"([^"]+)"/.exec(args[0]) : null;
    if (m) steps.push({ op: 'answered', file: '', uids: [m[1]] });
    if (m && fs.existsSync(path.join(spoolDir, postFile(m[1])))) steps.push({ op: 'spool file exists', file: '' });
    return (realEnd as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];
  return {
    steps,
    restore: () => {
      openSpy.mockRestore();
      renameSpy.mockRestore();
      ServerResponse.prototype.writeHead = realWriteHead;
      ServerResponse.prototype.end = realEnd;
    },
  };
}

async function submit(url: string, n: number): Promise<string> {
  const content = { ...loadMeasurement('report1.json'), n };
  const res = await fetch(`${url}/report/${RID}`, {
    method: 'POST',
    body: JSON.stringify({ format: 'json', content }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { measurement_uid: string }).measurement_uid;
}

describe('Submission durability (order of file system calls)', () => {
  describe('with group commit', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ fastpath: { enabled: false } });
    });
    afterAll(async () => t?.close());

    it('should answer each 200 only after the fdatasync of the journal write that holds it, sharing fsyncs', async () => {
      const { steps, restore } = recordSteps(path.join(t.varDir, 'spool'));
      let uids: string[];
      try {
        uids = await Promise.all(Array.from({ length: 24 }, (_, n) => submit(t.url, n)));
      } finally {
        restore();
      }
      for (const uid of uids) {
        const appended = steps.findIndex((s) => s.op === 'appended' && s.uids?.includes(uid));
        expect(appended).toBeGreaterThanOrEqual(0);
        const segment = steps[appended].file;
        expect(segment).toMatch(/^journal\/\d+\.\d+\.\d+\.wal$/);
        const synced = steps.findIndex((s, i) => i > appended && s.op === 'datasynced' && s.file === segment);
        const answered = steps.findIndex((s) => s.op === 'answered' && s.uids?.[0] === uid);
        expect(synced).toBeGreaterThan(appended);
        expect(answered).toBeGreaterThan(synced);
        expect(steps[answered - 1]).toEqual({ op: 'status 200', file: '' });
      }
      // Each spool file is written after the journal, and exists when its measurement is answered.
      expect(steps.filter((s) => s.op === 'early')).toEqual([]);
      for (const uid of uids) {
        const answered = steps.findIndex((s) => s.op === 'answered' && s.uids?.[0] === uid);
        expect(steps[answered + 1]).toEqual({ op: 'spool file exists', file: '' });
      }
      // Concurrent submissions shared their fsyncs: fewer journal syncs than measurements, no per-file fsync.
      const datasyncs = steps.filter((s) => s.op === 'datasynced').length;
      expect(datasyncs).toBeGreaterThan(0);
      expect(datasyncs).toBeLessThan(uids.length / 2);
      expect(steps.filter((s) => s.op === 'synced' && s.file.endsWith('.post.tmp'))).toEqual([]);
    });
  });

  describe('without group commit', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ fastpath: { enabled: false }, probe_services: { group_commit: { enabled: false } } });
    });
    afterAll(async () => t?.close());

    it('should fsync the file, rename it, fsync the directory, and only then answer 200', async () => {
      const spoolDir = path.join(t.varDir, 'spool');
      const { steps, restore } = recordSteps(spoolDir);
      let uid: string;
      try {
        uid = await submit(t.url, 0);
      } finally {
        restore();
      }
      const file = postFile(uid);
      const bucket = path.dirname(file);
      // The first submission of an hour also creates (and syncs the parent of) the hour directory.
      const ofThisFile = steps.filter((s) => [`${file}.tmp`, file, bucket, ''].includes(s.file));
      const tail = ofThisFile.slice(ofThisFile.findIndex((s) => s.file === `${file}.tmp`));
      expect(tail).toEqual([
        { op: 'open', file: `${file}.tmp` },
        { op: 'written', file: `${file}.tmp` },
        { op: 'synced', file: `${file}.tmp` },
        { op: 'renamed', file },
        { op: 'open', file: bucket },
        { op: 'synced', file: bucket },
        { op: 'status 200', file: '' },
        { op: 'answered', file: '', uids: [uid] },
        { op: 'spool file exists', file: '' },
      ]);
    });
  });
});
