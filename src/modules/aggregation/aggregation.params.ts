import { parseAsn } from '../../common/validation/asn';
import { isValidDomain } from '../../common/validation/domain';
import { commaSplit, param, RawQuery } from '../../common/validation/query-params';
import { parseUtcDate } from '../../common/validation/utc-date';
import { AggregationError } from './aggregation.errors';
import {
  AggregationParams,
  AggregationQuery,
  AXES,
  Axis,
  OUTPUT_FORMATS,
  OutputFormat,
  TIME_GRAINS,
  TimeGrain,
  TimeGrainParam,
  TorsfQuery,
} from './aggregation.types';

const onlyChars = (p: string, accepted: RegExp): void => {
  if (!accepted.test(p)) throw new AggregationError('Invalid characters');
};

function parseAxis(q: RawQuery, name: string): string | undefined {
  const p = param(q, name);
  if (p === undefined) return undefined;
  onlyChars(p, /^[a-z_]*$/);
  return p === '' ? undefined : p;
}

function parseCategoryCode(q: RawQuery): string | undefined {
  const p = param(q, 'category_code');
  if (p === undefined) return undefined;
  onlyChars(p, /^[A-Z]*$/);
  return p === '' ? undefined : p;
}

function parseTestNames(q: RawQuery): string[] {
  const p = param(q, 'test_name');
  if (p === undefined) return [];
  onlyChars(p, /^[a-z0-9_,]*$/);
  return commaSplit(p);
}

function parseDomains(q: RawQuery): string[] {
  const p = param(q, 'domain');
  if (!p) return [];
  const out = commaSplit(p);
  for (const d of out) if (!isValidDomain(d)) throw new AggregationError('Invalid characters in domain field');
  return out;
}

// Legacy `param_input_or_none`: non-ASCII characters are ignored, the rest must be in this set.
const INPUT_CHARS = /^[A-Za-z0-9 :/.[\]\-_%+(){}=?#&!,$]*$/;

function parseInput(q: RawQuery): string | undefined {
  const p = param(q, 'input');
  if (!p) return undefined;
  // eslint-disable-next-line no-control-regex
  if (!INPUT_CHARS.test(p.replace(/[^\x00-\x7f]/g, ''))) {
    throw new AggregationError('Invalid characters in input field');
  }
  return p;
}

/** Legacy `param_asn_m`: `AS123` or `123`, comma separated. */
export function parseAsns(p: string | undefined, name: string): number[] {
  if (p === undefined) return [];
  const asns = commaSplit(p).map(parseAsn);
  if (asns.some((n) => n === null)) throw new AggregationError(`Invalid ASN value in parameter ${name}`);
  return [...new Set(asns as number[])].sort((a, b) => a - b);
}

/** Legacy `param_probe_cc_m`: upper-case two-letter codes, comma separated. */
export function parseProbeCcs(p: string | undefined, name: string): string[] {
  if (p === undefined) return [];
  onlyChars(p, /^[A-Z,]*$/);
  const ccs = commaSplit(p);
  for (const cc of ccs) if (cc.length !== 2) throw new AggregationError(`Invalid CC value in parameter ${name}`);
  return ccs;
}

function parseOoniRunLinkIds(q: RawQuery): string[] {
  const p = param(q, 'ooni_run_link_id');
  if (!p) return [];
  // OONI Run v2 link ids are numbers (spec bk-005); legacy passed anything through.
  const ids = commaSplit(p.replace(/ /g, ''));
  if (ids.some((i) => !/^\d{1,20}$/.test(i))) throw new AggregationError('Invalid ooni_run_link_id value');
  return ids;
}

/** Legacy `param_date` (see parseUtcDate). Returns undefined for absent or empty values. */
export function parseDateParam(p: string | undefined, name: string): Date | undefined {
  if (p === undefined || p === '') return undefined;
  const parsed = parseUtcDate(p);
  if (parsed.ok) return parsed.date;
  if (parsed.reason === 'range') throw new AggregationError(`Date out of range in parameter ${name}`);
  throw new AggregationError(`Unknown string format: ${p.slice(0, 64)}`);
}

function parseTimeGrain(q: RawQuery): TimeGrainParam {
  const p = (param(q, 'time_grain') || 'auto').toLowerCase();
  if (!(TIME_GRAINS as readonly string[]).includes(p)) {
    throw new AggregationError(`Choose time_grain between ${TIME_GRAINS.join(', ')}`);
  }
  return p as TimeGrainParam;
}

function parseFormat(q: RawQuery): OutputFormat {
  const p = (param(q, 'format') || 'JSON').toUpperCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(p)) throw new AggregationError('Invalid format');
  return p as OutputFormat;
}

function toAxis(name: string | undefined): Axis | undefined {
  if (name === undefined) return undefined;
  if (!(AXES as readonly string[]).includes(name)) throw new AggregationError('Invalid axis name');
  return name as Axis;
}

/** Validates every `/api/v1/aggregation` parameter in the legacy order, with the legacy messages. */
export function parseAggregationParams(q: RawQuery): AggregationParams {
  const axisX = parseAxis(q, 'axis_x');
  const axisY = parseAxis(q, 'axis_y');
  const categoryCode = parseCategoryCode(q);
  const testNames = parseTestNames(q);
  const domains = parseDomains(q);
  const input = parseInput(q);
  const probeAsns = parseAsns(param(q, 'probe_asn'), 'probe_asn');
  const probeCcs = parseProbeCcs(param(q, 'probe_cc'), 'probe_cc');
  const ooniRunLinkIds = parseOoniRunLinkIds(q);
  const since = parseDateParam(param(q, 'since'), 'since');
  const until = parseDateParam(param(q, 'until'), 'until');
  const timeGrain = parseTimeGrain(q);
  const format = parseFormat(q);
  const download = (param(q, 'download') ?? '').toLowerCase() === 'true';
  if (axisX !== undefined && axisX === axisY) throw new AggregationError('Axis X and Y cannot be the same');
  return {
    axisX: toAxis(axisX),
    axisY: toAxis(axisY),
    categoryCode,
    testNames,
    domains,
    input,
    probeAsns,
    probeCcs,
    ooniRunLinkIds,
    since,
    until,
    timeGrain,
    format,
    download,
  };
}

const DAY_MS = 86_400_000;

/** Legacy `group_by_date` ranges: the grains allowed up to each range length (days); `auto` takes the first. */
const GRAIN_RANGES: ReadonlyArray<readonly [number, readonly TimeGrainParam[]]> = [
  [7, ['hour', 'day', 'auto']],
  [30, ['day', 'week', 'auto']],
  [365, ['day', 'week', 'month', 'auto']],
  [Infinity, ['day', 'week', 'month', 'year', 'auto']],
];

/** The grain of the time axis for [since, until); both dates are required. */
export function resolveTimeGrain(since: Date | undefined, until: Date | undefined, grain: TimeGrainParam): TimeGrain {
  if (!since || !until || until.getTime() <= since.getTime()) {
    throw new AggregationError('Invalid since and until values');
  }
  const deltaMs = until.getTime() - since.getTime();
  const [, allowed] = GRAIN_RANGES.find(([days]) => deltaMs <= days * DAY_MS) ?? GRAIN_RANGES[GRAIN_RANGES.length - 1];
  if (!allowed.includes(grain)) {
    throw new AggregationError(`Choose time_grain between ${allowed.join(', ')} for the given time range`);
  }
  return grain === 'auto' ? (allowed[0] as TimeGrain) : grain;
}

/** `/api/v1/torsf_stats` parameters: one optional country, since and until. */
export function parseTorsfParams(q: RawQuery): TorsfQuery {
  const cc = param(q, 'probe_cc');
  if (cc && !/^[A-Za-z]{2}$/.test(cc)) throw new AggregationError('Invalid CC value in parameter probe_cc');
  return {
    probeCc: cc ? cc.toUpperCase() : undefined,
    since: parseDateParam(param(q, 'since'), 'since'),
    until: parseDateParam(param(q, 'until'), 'until'),
  };
}

/** The repository query for validated parameters: axes, the resolved time grain and the filters. */
export function toAggregationQuery(p: AggregationParams): AggregationQuery {
  const { axisX, axisY, timeGrain, format: _format, download: _download, ...filters } = p;
  const axes = [axisX, axisY].filter((a): a is Axis => a !== undefined);
  const grain = axes.includes('measurement_start_day') ? resolveTimeGrain(p.since, p.until, timeGrain) : undefined;
  return { ...filters, axes, timeGrain: grain };
}
