// Test worker entry: the real scoring worker, except that the measurement uid below makes the
// worker thread exit, as a crash would (test/medium/scoring-pool.spec.ts).
require('@swc-node/register');
const { default: scoreBatch } = require('../../src/modules/fastpath/workers/score.worker.ts');

const CRASH_UID = '20240101000000.000009_IT_webconnectivity_0000000000000009';

module.exports = (task) => {
  if (task.items.some((item) => item.measurementUid === CRASH_UID)) process.exit(70);
  return scoreBatch(task);
};
module.exports.CRASH_UID = CRASH_UID;
