import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * Legacy `jerror(msg, v=0)`: `{"error": msg, "v": 0}`. Legacy answered some of these with 200;
 * we always answer 400 so that clients and caches can tell a failure from a result.
 */
export class AggregationError extends HttpException {
  constructor(message: string) {
    super({ error: message, v: 0 }, HttpStatus.BAD_REQUEST);
  }
}
