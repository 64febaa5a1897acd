import { ApiError, badRequest } from '../../common/errors/api-error';
import { isValidDomain } from '../../common/validation/domain';
import {
  asnParam,
  boolParam,
  commaListParam,
  dateParam,
  intParam,
  matchParam,
  nonEmpty,
  param,
  RawQuery,
} from '../../common/validation/query-params';

export const ORDER_BY_COLUMNS = [
  'test_start_time',
  'measurement_start_time',
  'input',
  'probe_cc',
  'probe_asn',
  'test_name',
] as const;
export type OrderBy = (typeof ORDER_BY_COLUMNS)[number];

export const MAX_LIMIT = 1000;
const MAX_OFFSET = 1_000_000;
const DAY_MS = 86400_000;

export interface SearchFilters {
  reportId?: string;
  probeCc?: string;
  probeAsn?: number;
  testName?: string;
  since?: Date;
  until?: Date;
  anomaly?: boolean;
  confirmed?: boolean;
  failure?: boolean;
  input?: string;
  domain?: string;
  categoryCode?: string;
  softwareVersions?: string[];
  testVersions?: string[];
  engineVersions?: string[];
  oonirunLinkId?: string;
  orderBy: OrderBy;
  order: 'ASC' | 'DESC';
  offset: number;
  limit: number;
}

function domainParam(query: RawQuery): string | undefined {
  const domain = nonEmpty(query, 'domain');
  if (domain !== undefined && !isValidDomain(domain)) throw badRequest('Invalid characters in domain field');
  return domain;
}

const VERSION_RE = /^[A-Za-z0-9._+-]{1,40}$/;

const INT32_MAX = 2 ** 31 - 1;

/**
 * Validates `/api/v1/measurements` parameters with the legacy rules and messages. Without
 * a report_id, a missing `until` means the end of today and a missing `since` 30 days
 * before `until`, which keeps default queries cheap.
 */
export function parseSearchParams(query: RawQuery, now = new Date()): SearchFilters {
  const reportId = nonEmpty(query, 'report_id');
  if (reportId !== undefined && (reportId.length < 15 || reportId.length > 100 || !/^[A-Za-z0-9_]+$/.test(reportId))) {
    throw new ApiError('Invalid report_id field');
  }
  const probeCc = matchParam(query, 'probe_cc', /^[A-Z]{2}$/, 'Invalid CC value in parameter probe_cc');
  if (probeCc === 'ZZ') throw new ApiError('Refusing list_measurements with probe_cc set to ZZ', 403);
  const probeAsn = asnParam(query, 'probe_asn');
  // fastpath.probe_asn is an Int32: a larger value would wrap around when bound as one.
  if (probeAsn !== undefined && probeAsn > INT32_MAX) throw new ApiError('Invalid ASN value in parameter probe_asn');
  if (probeAsn === 0) throw new ApiError('Refusing list_measurements with probe_asn set to 0', 403);

  const order = (param(query, 'order') ?? 'desc').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') throw new ApiError('Invalid order');
  const orderBy = nonEmpty(query, 'order_by') ?? 'measurement_start_time';
  if (!(ORDER_BY_COLUMNS as readonly string[]).includes(orderBy)) throw new ApiError('Invalid order_by');

  let until = dateParam(query, 'until');
  let since = dateParam(query, 'since');
  if (reportId === undefined) {
    if (until === undefined) until = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
    if (since === undefined) since = new Date(until.getTime() - 30 * DAY_MS);
  }

  const input = nonEmpty(query, 'input');
  if (input !== undefined && input.length > 2048) throw new ApiError('Invalid input');

  return {
    reportId,
    probeCc,
    probeAsn,
    testName: matchParam(query, 'test_name', /^[a-z0-9_]{1,50}$/, 'Invalid test_name'),
    since,
    until,
    anomaly: boolParam(query, 'anomaly'),
    confirmed: boolParam(query, 'confirmed'),
    failure: boolParam(query, 'failure'),
    input,
    domain: domainParam(query),
    categoryCode: matchParam(query, 'category_code', /^[A-Z]{1,10}$/, 'Invalid category_code'),
    softwareVersions: commaListParam(query, 'software_version', VERSION_RE),
    testVersions: commaListParam(query, 'test_version', VERSION_RE),
    engineVersions: commaListParam(query, 'engine_version', VERSION_RE),
    oonirunLinkId: matchParam(query, 'ooni_run_link_id', /^\d{1,20}$/, 'Invalid ooni_run_link_id'),
    orderBy: orderBy as OrderBy,
    order,
    offset: intParam(query, 'offset', 0, 0, MAX_OFFSET),
    limit: intParam(query, 'limit', 100, 1, MAX_LIMIT),
  };
}
