// Piscina worker entry: a thin shell over the pure scoring code.
import { scoreBatch } from './score-batch';
import { ScoreTask } from './score-task';

/**
 * The result goes back as one JSON string: the main thread parses it ~2x faster than it
 * deserializes the same rows as objects, and the main thread is what limits the pool's scaling.
 * The rows lose nothing the JSONEachRow insert keeps (it writes them with JSON.stringify too).
 */
export default function scoreBatchToJson(task: ScoreTask): string {
  return JSON.stringify(scoreBatch(task));
}
