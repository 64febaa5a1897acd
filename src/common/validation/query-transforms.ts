import { Transform } from 'class-transformer';
import { badRequest } from '../errors/api-error';

/*
 * Checks run while the global ValidationPipe builds the DTO and throw the legacy `{"error": msg}`
 * 400 themselves: the shared exception filter renders class-validator failures as a bare
 * "Bad Request", which would lose the message. The class-validator decorators stay as the
 * declared contract.
 */

/** Rejects a present value that fails `valid` with `message`. */
export const Check = (valid: (value: unknown) => boolean, message: string): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (value !== undefined && value !== null && !valid(value)) throw badRequest(message);
    return value;
  });

export const isStringMatching =
  (pattern: RegExp) =>
  (value: unknown): boolean =>
    typeof value === 'string' && pattern.test(value);

/**
 * A query integer in [min, max] (0 excluded when `allowZero` is false). Empty means absent
 * (legacy `int(param or -1)`).
 */
export const IntParam = (min: number, max: number, message: string, allowZero = true): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max || (!allowZero && n === 0)) throw badRequest(message);
    return n;
  });
