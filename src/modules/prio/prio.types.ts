/** One URL of the test list served to probes (legacy check-in / test-list/urls item). */
export interface TestListEntry {
  category_code: string;
  /** Upper-case country code of the list the URL comes from, `XX` for the global list. */
  country_code: string;
  url: string;
}

/** A test-list item with the figures behind its rank (legacy `debug=true`). */
export interface DebugTestListEntry extends TestListEntry {
  msmt_cnt: number;
  priority: number;
  weight: number;
}

/** A row of the `citizenlab` table, cc normalised to upper case (`ZZ`: global list). */
export interface CitizenlabEntry {
  domain: string;
  url: string;
  cc: string;
  category_code: string;
}

/** A CitizenLab entry joined with its recent measurement count (legacy debug `entries`). */
export interface CountedEntry extends CitizenlabEntry {
  msmt_cnt: number;
}

/** A row of `url_priorities`; `*` (or an empty string) matches anything. */
export interface PrioRule {
  category_code: string;
  cc: string;
  domain: string;
  url: string;
  priority: number;
}

export interface GenerateTestListOptions {
  probeCc: string;
  /** 0: every network of the country. */
  probeAsn: number;
  /** Empty: every category. */
  categoryCodes: string[];
  limit: number;
  debug?: boolean;
}

/** One line of `show_countries_prioritization`. */
export interface CountryPriorityRow {
  anomaly_perc: number;
  category_code: string;
  cc: string;
  domain: string;
  msmt_cnt: number;
  priority: number;
  url: string;
}
