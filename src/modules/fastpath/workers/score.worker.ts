// Piscina worker entry: a thin shell over the pure scoring code.
import { encodeScoredBatch } from './encode-rows';
import { scoreBatch } from './score-batch';
import { ScoredBatch, ScoreTask } from './score-task';

/**
 * The rows go back as the insert's JSON lines (one string, cloned as a flat copy): the main
 * thread, which limits the pool's scaling, then neither parses them nor serializes them again
 * for ClickHouse.
 */
export default function scoreBatchEncoded(task: ScoreTask): ScoredBatch {
  return encodeScoredBatch(scoreBatch(task));
}
