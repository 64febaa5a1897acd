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
}

const { taskSize, fingerprints, warmMs } = workerData as ScoringThreadData;
const task = { fingerprints, items: fixtureTask(taskSize) };

function scoreFor(ms: number): number {
  let rows = 0;
  for (const end = Date.now() + ms; Date.now() < end;) rows += scoreBatchEncoded(task).rows.count;
  return rows;
}

scoreFor(warmMs);
parentPort?.postMessage('ready');
// each message is a round's length in ms; the answer is the rows scored in it
parentPort?.on('message', (ms: number) => parentPort?.postMessage(scoreFor(ms)));
