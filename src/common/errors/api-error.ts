import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * An error rendered as the legacy `{"error": "<message>"}` JSON body (legacy `jerror`).
 * Defaults to 400 like the legacy helper.
 */
export class ApiError extends HttpException {
  constructor(message: string, status: number = HttpStatus.BAD_REQUEST) {
    super({ error: message }, status);
  }
}

export const badRequest = (message: string): ApiError => new ApiError(message, HttpStatus.BAD_REQUEST);
export const unauthorized = (message = 'Authentication required'): ApiError =>
  new ApiError(message, HttpStatus.UNAUTHORIZED);
export const forbidden = (message = 'Forbidden'): ApiError => new ApiError(message, HttpStatus.FORBIDDEN);
export const notFound = (message = 'Not found'): ApiError => new ApiError(message, HttpStatus.NOT_FOUND);
