import { IncidentOrderBy } from './dto/search-incidents.query.dto';

/** One version of a finding as stored in `incidents` (times in seconds since the epoch). */
export interface IncidentRecord {
  id: string;
  slug: string;
  create_time: number;
  update_time: number;
  start_time: number;
  end_time: number | null;
  creator_account_id: string;
  reported_by: string;
  title: string;
  text: string;
  short_description: string;
  email_address: string;
  event_type: string;
  published: boolean;
  deleted: boolean;
  CCs: string[];
  ASNs: number[];
  domains: string[];
  tags: string[];
  themes: string[];
  links: string[];
  test_names: string[];
}

/** What search reads: everything but the markdown text. */
export type IncidentSummary = Omit<IncidentRecord, 'text'>;

/** Who is asking: anonymous callers have no account. */
export interface Viewer {
  accountId: string | null;
  admin: boolean;
}

export interface IncidentSearchFilters {
  viewer: Viewer;
  onlyMine: boolean;
  themes: string[];
  ccs: string[];
  asns: number[];
  domains: string[];
  published?: boolean;
  creator?: string;
  orderBy: IncidentOrderBy;
  order: 'ASC' | 'DESC';
  limit: number;
}
