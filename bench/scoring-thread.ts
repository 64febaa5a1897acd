// A bare worker thread for the pool bench's ceiling: it scores a task of fixture bodies it holds,
// in a loop, with the pool workers' own function; no pool, no messages per task.
import { parentPort, workerData } from 'node:worker_threads';
import { FingerprintsRef } from '../src/modules/fastpath/workers/score-task';
import scoreBatchEncoded from '../src/modules/fastpath/workers/score.worker';
import { fixtureTask } from './fixture-bodies';

export interface ScoringThreadData {
  taskSize: number;
  fingerprints: FingerprintsRef;
  warmMs: number;
  /** Int32 [round number, round length in ms], written by the bench before it notifies index 0. */
  signal: SharedArrayBuffer;
}

const { taskSize, fingerprints, warmMs, signal } = workerData as ScoringThreadData;
const task = { fingerprints, items: fixtureTask(taskSize) };
const rounds = new Int32Array(signal);

function scoreFor(ms: number): number {
  let rows = 0;
  for (const end = Date.now() + ms; Date.now() < end;) rows += scoreBatchEncoded(task).rows.count;
  return rows;
}

scoreFor(warmMs);
parentPort?.postMessage('ready');
// Between rounds the thread blocks in Atomics.wait, as an idle Piscina worker does: waiting in
// the event loop instead, V8 would run its idle-time GC then, on the cores of the pool's round.
for (let seen = 0; ;) {
  Atomics.wait(rounds, 0, seen);
  seen = Atomics.load(rounds, 0);
  parentPort?.postMessage(scoreFor(Atomics.load(rounds, 1)));
}
