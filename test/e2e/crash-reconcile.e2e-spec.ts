import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpoolReconciler } from '../../src/common/spool/spool-reconciler';
import { FastpathService } from '../../src/modules/fastpath/fastpath.service';
import { startAppProcess } from '../helpers/app-process';
import { compileAppProcess } from '../helpers/compile-app';
import { distinctContent, reportIdFor, searchedUids, submitContent } from '../helpers/submit';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp } from '../helpers/test-app';

/** `OONI_CRASH_TRIALS=50 npx jest test/e2e/crash-reconcile.e2e-spec.ts` runs the longer version. */
const TRIALS = Number(process.env.OONI_CRASH_TRIALS ?? 10);
const SUBMITTERS = 4;

interface Acknowledged {
  reportId: string;
  content: string;
}

/** Submits from concurrent probes until `stop` is set; records what the server acknowledged. */
async function submitUntil(url: string, trial: number, stop: { now: boolean }, acked: Map<string, Acknowledged>) {
  const reportId = reportIdFor(`trial${trial}`);
  let n = 0;
  await Promise.all(
    Array.from({ length: SUBMITTERS }, async () => {
      while (!stop.now) {
        const content = distinctContent(reportId, n++);
        // A refused connection or a reset ends this probe's run: the server is gone.
        const uid = await submitContent(url, reportId, content).catch(() => null);
        if (uid) acked.set(uid, { reportId, content });
        else if (stop.now) return;
      }
    }),
  );
}

describe('SIGKILL while probes submit', () => {
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

  it(`should make every acknowledged measurement searchable with its exact body after ${TRIALS} SIGKILLs`, async () => {
    const acked = new Map<string, Acknowledged>();
    const env = {
      OONI_VAR_DIR: dir,
      OONI__GEOIP__DIR: path.join(os.tmpdir(), 'ooni-test-geoip'),
      // Rows wait in memory for a while: a kill loses scored-but-unwritten rows too.
      OONI__FASTPATH__INSERT_MAX_LATENCY_MS: '1500',
      OONI__PROBE_SERVICES__STALE_TMP_S: '0',
      // One scoring thread starts faster; ten restarts must fit in a minute.
      OONI__FASTPATH__WORKERS: '1',
    };
    for (let trial = 0; trial < TRIALS; trial++) {
      const proc = await startAppProcess(env, build.entry);
      const stop = { now: false };
      const submitting = submitUntil(proc.url, trial, stop, acked);
      await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 500)));
      await proc.kill('SIGKILL');
      stop.now = true;
      await submitting;
    }
    expect(acked.size).toBeGreaterThan(TRIALS);

    // Restart: the spool is reconciled in the background; the server answers at once.
    const t = await startTestApp({ probe_services: { stale_tmp_s: 0 } }, { varDir: dir, keepVarDir: true });
    try {
      expect((await fetch(`${t.url}/health`)).status).toBe(200);
      // The last kill left acknowledged measurements unscored (queued, or rows not yet written).
      expect(await t.app.get(SpoolReconciler).settled()).toBeGreaterThan(0);
      await t.app.get(FastpathService).flush();
      const spoolFiles = fs.readdirSync(path.join(dir, 'spool', 'incoming'), { recursive: true, encoding: 'utf8' });
      expect(spoolFiles.filter((f) => f.includes('.tmp-'))).toEqual([]);

      const reportIds = new Set([...acked.values()].map((a) => a.reportId));
      const listed = new Set<string>();
      for (const reportId of reportIds) for (const uid of await searchedUids(t.url, reportId)) listed.add(uid);
      const missing = [...acked.keys()].filter((uid) => !listed.has(uid));
      expect(missing).toEqual([]);
      for (const [uid, { content }] of acked) {
        expect(await (await fetch(`${t.url}/api/v1/measurement/${uid}`)).text()).toBe(content);
      }
    } finally {
      await t.close();
    }
  }, 600_000);
});
