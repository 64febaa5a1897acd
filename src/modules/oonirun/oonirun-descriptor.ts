import { isDeepStrictEqual } from 'node:util';
import { LinkRequestDto, NettestDto } from './dto/link-request.dto';
import { LinkDescriptor, Nettest, OonirunLink, OonirunRow, Translations } from './oonirun.types';

/** ISO 8601 UTC with milliseconds, e.g. `2024-01-31T10:30:00.000Z`. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const optStr = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (...vs: unknown[]): boolean => vs.find((v) => typeof v === 'boolean') === true;

function translations(v: unknown): Translations {
  if (!isRecord(v)) return null;
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A nettest with every field present, from a request or from a stored (possibly v1) descriptor. */
export function normalizeNettest(raw: NettestDto | Record<string, unknown>): Nettest {
  const r = raw as Record<string, unknown>;
  const inputs = Array.isArray(r.inputs) ? r.inputs.filter((i): i is string => typeof i === 'string') : null;
  const extra = Array.isArray(r.inputs_extra) ? r.inputs_extra.filter(isRecord) : null;
  return {
    test_name: str(r.test_name),
    inputs,
    options: isRecord(r.options) ? r.options : {},
    is_background_run_enabled_default: bool(r.is_background_run_enabled_default, r.is_background_run_enabled),
    is_manual_run_enabled_default: bool(r.is_manual_run_enabled_default, r.is_manual_run_enabled),
    targets_name: optStr(r.targets_name),
    inputs_extra: extra,
  };
}

/** The stored form of a v2 create/edit request. */
export function descriptorFromRequest(dto: LinkRequestDto): LinkDescriptor {
  return {
    name: dto.name,
    name_intl: dto.name_intl ?? null,
    short_description: dto.short_description,
    short_description_intl: dto.short_description_intl ?? null,
    description: dto.description ?? '',
    description_intl: dto.description_intl ?? null,
    author: dto.author,
    icon: dto.icon ?? null,
    color: dto.color ?? null,
    nettests: dto.nettests.map((n) => normalizeNettest(n)),
  };
}

/** The v2 view of a stored descriptor; v1 descriptors may lack fields or hold other shapes. */
export function descriptorOfRow(row: OonirunRow): LinkDescriptor {
  let d: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.descriptor);
    if (isRecord(parsed)) d = parsed;
  } catch {
    // A legacy row with a broken descriptor still shows its columns.
  }
  return {
    name: str(d.name, row.name),
    name_intl: translations(d.name_intl),
    short_description: str(d.short_description, row.short_description),
    short_description_intl: translations(d.short_description_intl),
    description: str(d.description),
    description_intl: translations(d.description_intl),
    author: str(d.author, row.author),
    icon: optStr(d.icon) ?? (row.icon === '' ? null : row.icon),
    color: optStr(d.color),
    nettests: Array.isArray(d.nettests) ? d.nettests.filter(isRecord).map((n) => normalizeNettest(n)) : [],
  };
}

export const sameNettests = (a: readonly Nettest[], b: readonly Nettest[]): boolean => isDeepStrictEqual(a, b);

/** Expired: archived (v1) or past its expiration date (v2). Judged on the latest revision. */
export function isExpired(row: OonirunRow, now: number): boolean {
  return row.archived !== 0 || (row.expiration_date !== null && row.expiration_date <= now);
}

/**
 * The v2 link of `rows` (every revision, oldest first) at revision `index` (0-based): the
 * metadata of the latest revision, the nettests and creation time of the chosen one.
 */
export function linkOf(
  rows: readonly OonirunRow[],
  index: number,
  accountId: string | undefined,
  now: number,
): OonirunLink {
  const latest = rows[rows.length - 1];
  const meta = descriptorOfRow(latest);
  const chosen = rows[index];
  const nettests = index === rows.length - 1 ? meta.nettests : descriptorOfRow(chosen).nettests;
  return {
    oonirun_link_id: latest.ooni_run_link_id,
    ...meta,
    nettests,
    date_created: isoTime(chosen.descriptor_creation_time),
    date_updated: isoTime(Math.max(...rows.map((r) => r.translation_creation_time))),
    expiration_date: latest.expiration_date === null ? null : isoTime(latest.expiration_date),
    revision: String(index + 1),
    is_mine: accountId !== undefined && rows[0].creator_account_id === accountId,
    is_expired: isExpired(latest, now),
  };
}

/** Rows ordered by link then time, split per link. */
export function groupByLink(rows: readonly OonirunRow[]): OonirunRow[][] {
  const groups: OonirunRow[][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0].ooni_run_link_id === row.ooni_run_link_id) last.push(row);
    else groups.push([row]);
  }
  return groups;
}
