// Piscina worker entry: a thin shell over the pure scoring code.
import { scoreBatch } from './score-batch';

export default scoreBatch;
