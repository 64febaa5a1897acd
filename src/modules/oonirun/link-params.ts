import { HttpStatus } from '@nestjs/common';
import { ApiError, badRequest, notFound } from '../../common/errors/api-error';
import { nonEmpty, RawQuery } from '../../common/validation/query-params';
import { OonirunRow } from './oonirun.types';

const LINK_ID_RE = /^\d{1,19}$/;

/** A link id from a path: a decimal UInt64 (19 digits at most), else 400. */
export function parseLinkId(raw: string): string {
  if (!LINK_ID_RE.test(raw)) throw badRequest('Invalid OONI Run link id: must be an integer');
  return BigInt(raw).toString();
}

/** `latest` or a revision number (else 422, as the v2 service); null means latest. */
export function parseRevision(raw: string): number | null {
  if (raw === 'latest') return null;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new ApiError(
      "invalid revision number specified, must be 'latest' or a number",
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
  return Number(raw);
}

/** The 0-based index of a revision among the link's rows (oldest first), or 404. */
export function revisionIndex(rows: readonly OonirunRow[], revision: number | null): number {
  if (revision === null) return rows.length - 1;
  if (revision < 1 || revision > rows.length) throw notFound('OONI Run link revision not found');
  return revision - 1;
}

/** An ISO 8601 time; without a zone it is UTC. */
export function parseIsoTime(raw: string): number {
  const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(raw) || !raw.includes('T') ? raw : `${raw}Z`;
  return Date.parse(zoned);
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** A boolean query parameter as the v2 service (FastAPI) reads it; absent: `fallback`, else 422. */
export function boolQuery(query: RawQuery, name: string, fallback: boolean): boolean {
  const value = nonEmpty(query, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new ApiError(`${name} must be true or false`, HttpStatus.UNPROCESSABLE_ENTITY);
}
