import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { CountersService } from '../counters/counters.service';
import { FastpathStatsReader } from '../fastpath-store/fastpath-stats.reader';
import {
  AsnCountRow,
  CircumventionCountRow,
  VanillaTorNetworkRow,
  WebsiteDayRow,
  WebsiteUrlRow,
} from './private-stats.types';
import { isoMidnight, utcDays } from './stats-dates';
import { last31Days, last6Months } from './stats-windows';

export interface PageMetadata {
  offset: number;
  limit: number;
  current_page: number;
  total_count: number;
  next_url: string | null;
}

export interface VanillaTorStats {
  networks: Array<VanillaTorNetworkRow & Record<'test_runtime_avg' | 'test_runtime_max' | 'test_runtime_min', null>>;
  notok_networks: number;
  last_tested: string | null;
}

export interface ImNetwork {
  asn: number;
  name: string;
  total_count: number;
  last_tested: string;
}

export interface ImTestNetworks {
  anomaly_networks: ImNetwork[];
  ok_networks: ImNetwork[];
  last_tested: string;
}

export interface RuntimeStat {
  test_name: string;
  probe_cc: string;
  date: string;
  /** [p50, p90, count], or [] when that tool was not run in that country that day. */
  v: number[];
}

/** Per-network statistics of a country: websites, instant messaging, Tor and circumvention tools. */
@Injectable()
export class NetworkStatsService {
  constructor(
    private readonly fastpath: FastpathStatsReader,
    private readonly config: AppConfig,
    private readonly counters: CountersService,
  ) {}

  websiteNetworks(probeCc: string): Promise<AsnCountRow[]> {
    return this.fastpath.websiteNetworks(probeCc);
  }

  /** Outcomes of one URL per day; no URL, no rows (the legacy compared with NULL). */
  async websiteStats(probeCc: string, probeAsn: number, input: string | undefined): Promise<WebsiteDayRow[]> {
    return input === undefined ? [] : this.fastpath.websiteDays(probeCc, probeAsn, input);
  }

  async websiteUrls(
    probeCc: string,
    probeAsn: number,
    limit: number,
    offset: number,
  ): Promise<{ metadata: PageMetadata; results: WebsiteUrlRow[] }> {
    const window = await this.counters.countedNow(last31Days);
    const [total, results] = await Promise.all([
      this.fastpath.websiteUrlCount(probeCc, probeAsn, window),
      this.fastpath.websiteUrls(probeCc, probeAsn, limit, offset, window),
    ]);
    let nextUrl: string | null = null;
    if (results.length >= limit) {
      const qs = new URLSearchParams({
        limit: String(limit),
        offset: String(offset + limit),
        probe_asn: String(probeAsn),
        probe_cc: probeCc,
      });
      nextUrl = new URL(`/api/_/website_urls?${qs.toString()}`, this.config.base_url).toString();
    }
    const metadata = {
      offset,
      limit,
      current_page: Math.ceil(offset / limit) + 1,
      total_count: total,
      next_url: nextUrl,
    };
    return { metadata, results };
  }

  /** A network with more than 5 measurements is "not ok" when under 60% of them succeeded. */
  async vanillaTorStats(probeCc: string): Promise<VanillaTorStats> {
    const rows = await this.fastpath.vanillaTorNetworks(probeCc, await this.counters.countedNow(last6Months));
    const networks = rows.map((r) => ({
      ...r,
      test_runtime_avg: null,
      test_runtime_max: null,
      test_runtime_min: null,
    }));
    const notOk = rows.filter((r) => r.total_count > 5 && r.success_count / r.total_count < 0.6).length;
    const lastTested = rows.reduce<string | null>(
      (m, r) => (m === null || r.last_tested > m ? r.last_tested : m),
      null,
    );
    return { networks, notok_networks: notOk, last_tested: lastTested };
  }

  /** Per IM test: the networks that ran it in the last 31 days (all listed as ok, as the legacy did). */
  async imNetworks(probeCc: string): Promise<Record<string, ImTestNetworks>> {
    const out: Record<string, ImTestNetworks> = {};
    for (const r of await this.fastpath.imNetworks(probeCc)) {
      const entry = (out[r.test_name] ??= { anomaly_networks: [], ok_networks: [], last_tested: r.last_tested });
      entry.ok_networks.push({ asn: r.probe_asn, name: '', total_count: r.total_count, last_tested: r.last_tested });
      if (r.last_tested > entry.last_tested) entry.last_tested = r.last_tested;
    }
    return out;
  }

  /** One entry per day from 31 days ago to today, 0 when the test did not run. */
  async imStats(
    probeCc: string,
    probeAsn: number,
    testName: string,
  ): Promise<Array<{ anomaly_count: null; test_day: string; total_count: number }>> {
    const rows = await this.fastpath.imDays(probeCc, probeAsn, testName);
    const counts = new Map(rows.map((r) => [r.test_day, r.total_count]));
    return utcDays(-31, 1).map((day) => ({
      anomaly_count: null,
      test_day: isoMidnight(day),
      total_count: counts.get(day) ?? 0,
    }));
  }

  circumventionByCountry(): Promise<CircumventionCountRow[]> {
    return this.fastpath.circumventionByCountry();
  }

  /** Every (tool, country, day) combination of the tools, countries and days seen, tool-major. */
  /** The `circumvention_runtime_stats` route's answer. */
  async circumventionRuntimesAnswer(): Promise<{ v: 0; results: RuntimeStat[] }> {
    return { v: 0, results: await this.circumventionRuntimes() };
  }

  async circumventionRuntimes(): Promise<RuntimeStat[]> {
    const rows = await this.fastpath.circumventionRuntimes();
    const byKey = new Map(rows.map((r) => [`${r.test_name}|${r.probe_cc}|${r.date}`, [r.p50, r.p90, r.cnt]]));
    const sorted = (values: string[]): string[] => [...new Set(values)].sort();
    const tests = sorted(rows.map((r) => r.test_name));
    const ccs = sorted(rows.map((r) => r.probe_cc));
    const dates = sorted(rows.map((r) => r.date));
    return tests.flatMap((test_name) =>
      ccs.flatMap((probe_cc) =>
        dates.map((date) => ({ test_name, probe_cc, date, v: byKey.get(`${test_name}|${probe_cc}|${date}`) ?? [] })),
      ),
    );
  }
}
