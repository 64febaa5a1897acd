import { badRequest, forbidden } from '../../common/errors/api-error';
import { listQueryParam } from '../../common/validation/list-query-param';
import { boolParam, param, RawQuery } from '../../common/validation/query-params';
import { INCIDENT_ORDER_BY, IncidentOrderBy, SearchIncidentsQueryDto } from './dto/search-incidents.query.dto';
import { IncidentSearchFilters, Viewer } from './incidents.types';

/** Findings are a few hundred; this caps a search all the same. */
export const MAX_SEARCH_RESULTS = 10_000;

const CC_RE = /^[A-Za-z]{2}$/;
const ASN_RE = /^(?:AS)?\d{1,10}$/i;
const DOMAIN_RE = /^\S{1,255}$/;
const THEME_RE = /^.{1,100}$/;
const ACCOUNT_ID_RE = /^[\w-]{1,32}$/;
const MAX_ASN = 4294967295;

function strictBool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  const v = value.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`Invalid ${name}`);
}

function asns(q: SearchIncidentsQueryDto): number[] {
  const values = listQueryParam(q.asn, 'asn', ASN_RE).map((a) => Number(a.replace(/^AS/i, '')));
  if (values.some((a) => a > MAX_ASN)) throw badRequest('Invalid asn value');
  return values;
}

function ordering(q: RawQuery): Pick<IncidentSearchFilters, 'orderBy' | 'order'> {
  const orderBy = param(q, 'order_by') || 'create_time';
  if (!(INCIDENT_ORDER_BY as readonly string[]).includes(orderBy)) throw badRequest('Invalid order_by');
  const order = (param(q, 'order') || 'desc').toLowerCase();
  if (order !== 'asc' && order !== 'desc') throw badRequest('Invalid order');
  return { orderBy: orderBy as IncidentOrderBy, order: order === 'asc' ? 'ASC' : 'DESC' };
}

/** Checks a search query (400 on a bad value) and turns it into repository filters. */
export function parseIncidentSearch(q: SearchIncidentsQueryDto, viewer: Viewer): IncidentSearchFilters {
  // Scalars may come repeated too (`?order=asc&order=desc`): the last one counts, as in the legacy API.
  const raw = q as RawQuery;
  const creator = param(raw, 'creator_account_id') || undefined;
  if (creator !== undefined) {
    if (!viewer.admin) throw forbidden('Only admins may filter by creator_account_id');
    if (!ACCOUNT_ID_RE.test(creator)) throw badRequest('Invalid creator_account_id');
  }
  return {
    viewer,
    // Legacy param_bool: only "true" turns it on.
    onlyMine: boolParam(raw, 'only_mine') === true,
    themes: listQueryParam(q.theme, 'theme', THEME_RE),
    ccs: listQueryParam(q.country_code, 'country_code', CC_RE).map((c) => c.toUpperCase()),
    asns: asns(q),
    domains: listQueryParam(q.domain, 'domain', DOMAIN_RE),
    published: strictBool(param(raw, 'published'), 'published'),
    creator,
    ...ordering(raw),
    limit: MAX_SEARCH_RESULTS,
  };
}
