import { SearchIncidentsQueryDto } from '../../../src/modules/incidents/dto/search-incidents.query.dto';
import { MAX_SEARCH_RESULTS, parseIncidentSearch } from '../../../src/modules/incidents/incident-search-params';
import { Viewer } from '../../../src/modules/incidents/incidents.types';
import { apiErrorOf } from '../../helpers/api-error';

const ANONYMOUS: Viewer = { accountId: null, admin: false };
const ADMIN: Viewer = { accountId: 'a'.repeat(32), admin: true };
const q = (fields: Partial<SearchIncidentsQueryDto>): SearchIncidentsQueryDto =>
  Object.assign(new SearchIncidentsQueryDto(), fields);

describe('parseIncidentSearch', () => {
  it('should default to everything visible, newest first, bounded', () => {
    expect(parseIncidentSearch(q({}), ANONYMOUS)).toEqual({
      viewer: ANONYMOUS,
      onlyMine: false,
      themes: [],
      ccs: [],
      asns: [],
      domains: [],
      published: undefined,
      creator: undefined,
      orderBy: 'create_time',
      order: 'DESC',
      limit: MAX_SEARCH_RESULTS,
    });
  });

  it('should read repeated and comma separated lists, normalized', () => {
    const f = parseIncidentSearch(
      q({ country_code: ['it', 'DE,it'], asn: ['AS3269', '1234'], domain: 'a.org, b.org', theme: ['x'] }),
      ANONYMOUS,
    );
    expect(f).toMatchObject({ ccs: ['IT', 'DE'], asns: [3269, 1234], domains: ['a.org', 'b.org'], themes: ['x'] });
  });

  it('should read only_mine like the legacy param_bool, published strictly', () => {
    expect(parseIncidentSearch(q({ only_mine: 'TRUE' }), ANONYMOUS).onlyMine).toBe(true);
    expect(parseIncidentSearch(q({ only_mine: 'yes' }), ANONYMOUS).onlyMine).toBe(false);
    expect(parseIncidentSearch(q({ published: '0' }), ANONYMOUS).published).toBe(false);
    expect(parseIncidentSearch(q({ published: 'true' }), ANONYMOUS).published).toBe(true);
    expect(apiErrorOf(() => parseIncidentSearch(q({ published: 'yes' }), ANONYMOUS))).toEqual({
      status: 400,
      error: 'Invalid published',
    });
  });

  it('should sort only by the closed list of keys', () => {
    expect(parseIncidentSearch(q({ order_by: 'start_time', order: 'ASC' }), ANONYMOUS)).toMatchObject({
      orderBy: 'start_time',
      order: 'ASC',
    });
    expect(apiErrorOf(() => parseIncidentSearch(q({ order_by: 'text; DROP TABLE incidents' }), ANONYMOUS))).toEqual({
      status: 400,
      error: 'Invalid order_by',
    });
    expect(apiErrorOf(() => parseIncidentSearch(q({ order: 'up' }), ANONYMOUS)).error).toBe('Invalid order');
  });

  it('should take the first of repeated single-value parameters, as every route does (legacy Flask)', () => {
    const repeated = q({
      order: ['asc', 'DESC'],
      order_by: ['title', 'start_time'],
      published: ['1', 'false'],
    });
    expect(parseIncidentSearch(repeated, ANONYMOUS)).toMatchObject({
      order: 'ASC',
      orderBy: 'title',
      published: true,
    });
  });

  it('should let only admins filter by creator', () => {
    expect(parseIncidentSearch(q({ creator_account_id: 'b'.repeat(32) }), ADMIN).creator).toBe('b'.repeat(32));
    expect(apiErrorOf(() => parseIncidentSearch(q({ creator_account_id: 'b'.repeat(32) }), ANONYMOUS))).toEqual({
      status: 403,
      error: 'Only admins may filter by creator_account_id',
    });
    expect(apiErrorOf(() => parseIncidentSearch(q({ creator_account_id: 'b'.repeat(33) }), ADMIN))).toEqual({
      status: 400,
      error: 'Invalid creator_account_id',
    });
  });

  it.each([
    ['country_code', { country_code: 'ITA' }],
    ['asn', { asn: 'AS4294967296' }],
    ['asn', { asn: 'ASX' }],
    ['domain', { domain: 'with space.org' }],
    ['theme', { theme: 'x'.repeat(101) }],
    ['domain', { domain: Array.from({ length: 101 }, (_, i) => `d${i}.org`) }],
  ])('should refuse a bad %s', (name, fields) => {
    expect(apiErrorOf(() => parseIncidentSearch(q(fields), ANONYMOUS))).toEqual({
      status: 400,
      error: `Invalid ${name} value`,
    });
  });
});
