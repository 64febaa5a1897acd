import * as fs from 'node:fs';
import { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { loadMeasurement } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

const RID = '20240101T000000Z_webconnectivity_IT_3269_n1_abcdefghijklmnop';
/** Every fsync is slowed down: an answer sent before an fsync completes cannot hide behind a race. */
const SYNC_DELAY_MS = 50;

type Step = { op: string; file: string };

/** Records, in order, the spool's file system calls and the moment the HTTP status is written. */
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
    const sync = handle.sync.bind(handle);
    handle.writeFile = async (...args: Parameters<typeof writeFile>) => {
      await writeFile(...args);
      steps.push({ op: 'written', file: rel(name) });
    };
    handle.sync = async () => {
      await new Promise((r) => setTimeout(r, SYNC_DELAY_MS));
      await sync();
      steps.push({ op: 'synced', file: rel(name) });
    };
    return handle;
  });
  const rename = fs.promises.rename.bind(fs.promises);
  const renameSpy = jest.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
    await rename(from, to);
    if (String(to).startsWith(spoolDir)) steps.push({ op: 'renamed', file: rel(String(to)) });
  });
  // The moment the status line is written: before it, the measurement must be durable.
  const realWriteHead = ServerResponse.prototype.writeHead;
  ServerResponse.prototype.writeHead = function (
    this: ServerResponse,
    ...args: Parameters<ServerResponse['writeHead']>
  ) {
    steps.push({ op: `status ${args[0]}`, file: '' });
    return realWriteHead.apply(this, args);
  } as ServerResponse['writeHead'];
  return {
    steps,
    restore: () => {
      openSpy.mockRestore();
      renameSpy.mockRestore();
      ServerResponse.prototype.writeHead = realWriteHead;
    },
  };
}

describe('Submission durability (order of file system calls)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ fastpath: { enabled: false } });
  });
  afterAll(async () => t?.close());

  it('should fsync the file, rename it, fsync the directory, and only then answer 200', async () => {
    const spoolDir = path.join(t.varDir, 'spool');
    const { steps, restore } = recordSteps(spoolDir);
    let uid: string;
    try {
      const res = await fetch(`${t.url}/report/${RID}`, {
        method: 'POST',
        body: JSON.stringify({ format: 'json', content: loadMeasurement('report1.json') }),
      });
      expect(res.status).toBe(200);
      ({ measurement_uid: uid } = (await res.json()) as { measurement_uid: string });
    } finally {
      restore();
    }
    const bucket = path.join('incoming', `${uid.slice(0, 10)}_IT_webconnectivity`);
    const file = path.join(bucket, `${uid}.post`);
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
    ]);
  });
});
