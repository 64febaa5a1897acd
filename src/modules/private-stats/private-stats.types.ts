/** Rows as the statistics queries return them (Date columns arrive as 'YYYY-MM-DD'). */

export interface DateValueRow {
  date: string;
  value: number;
}

export interface MonthlyTotalsRow {
  month: string;
  networks: number;
  countries: number;
  measurements: number;
}

export interface CountryCountRow {
  probe_cc: string;
  measurement_count: number;
}

export interface TestGroupDayRow {
  measurement_start_day: string;
  test_group: string;
  msmt_cnt: number;
}

export interface DayCountRow {
  test_day: string;
  count: number;
}

export interface AsnCountRow {
  count: number;
  probe_asn: number;
}

export interface OutcomeCounts {
  anomaly_count: number;
  confirmed_count: number;
  failure_count: number;
  total_count: number;
}

export interface WebsiteDayRow extends OutcomeCounts {
  test_day: string;
}

export interface WebsiteUrlRow extends OutcomeCounts {
  input: string;
}

export interface VanillaTorNetworkRow {
  failure_count: number;
  last_tested: string;
  probe_asn: number;
  total_count: number;
  success_count: number;
}

export interface ImNetworkRow {
  total_count: number;
  last_tested: string;
  probe_asn: number;
  test_name: string;
}

export interface ImDayRow {
  test_day: string;
  total_count: number;
}

export interface CountryOverviewRow {
  first_bucket_date: string | null;
  measurement_count: number;
  network_count: number;
}

export interface GlobalOverviewRow {
  network_count: number;
  country_count: number;
  measurement_count: number;
}

export interface CircumventionCountRow {
  probe_cc: string;
  cnt: number;
}

export interface RuntimeRow {
  date: string;
  test_name: string;
  probe_cc: string;
  p50: number;
  p90: number;
  cnt: number;
}

export interface NetworkRow {
  probe_asn: number;
  cnt: number;
  org_name: string;
}

export interface DomainRow {
  domain_name: string;
  category_code: string;
  measurement_count: number;
}

export interface DomainCategoryRow {
  category_code: string;
  domain: string;
}
