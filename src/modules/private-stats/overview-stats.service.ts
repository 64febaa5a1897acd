import { Injectable } from '@nestjs/common';
import { CountersService } from '../counters/counters.service';
import { FastpathStatsReader } from '../fastpath-store/fastpath-stats.reader';
import { countryName } from './country-names';
import { CountryOverviewRow, DayCountRow, GlobalOverviewRow } from './private-stats.types';
import { isoMidnight, utcDays } from './stats-dates';
import { allTime, last24Months, sinceOoniStart } from './stats-windows';
import { TEST_NAMES, testNamesOfGroups } from './test-catalog';
import { TestGroupsRepository } from './test-groups.repository';

export interface DateValue {
  date: string;
  value: number;
}

export interface CountrySummary {
  alpha_2: string;
  name: string;
  count: number;
}

export interface TestCoverage {
  network_coverage: DayCountRow[];
  test_coverage: Array<{ count: number; test_day: string; test_group: string }>;
}

export interface GlobalByMonth {
  networks_by_month: DateValue[];
  countries_by_month: DateValue[];
  measurements_by_month: DateValue[];
}

/** Global and per-country summaries (Explorer's home, countries and country pages). */
@Injectable()
export class OverviewStatsService {
  constructor(
    private readonly fastpath: FastpathStatsReader,
    private readonly testGroups: TestGroupsRepository,
    private readonly counters: CountersService,
  ) {}

  async asnByMonth(): Promise<DateValue[]> {
    const rows = await this.fastpath.distinctByMonth('networks', await this.counters.countedNow(last24Months));
    return rows.map((r) => ({ date: isoMidnight(r.date), value: r.value }));
  }

  async countriesByMonth(): Promise<DateValue[]> {
    const rows = await this.fastpath.distinctByMonth('countries', await this.counters.countedNow(last24Months));
    return rows.map((r) => ({ date: isoMidnight(r.date), value: r.value }));
  }

  testNames(): Array<{ id: string; name: string }> {
    return Object.entries(TEST_NAMES).map(([id, name]) => ({ id, name }));
  }

  /** Countries with measurements; codes that name no country are left out (legacy). */
  async countries(): Promise<CountrySummary[]> {
    const out: CountrySummary[] = [];
    for (const r of await this.fastpath.countryCounts(await this.counters.countedNow(allTime))) {
      const name = countryName(r.probe_cc);
      if (name !== undefined) out.push({ alpha_2: r.probe_cc, name, count: r.measurement_count });
    }
    return out;
  }

  /** Test coverage per group for each of the 30 days before yesterday; network coverage optionally by test group. */
  async testCoverage(probeCc: string, testGroups?: readonly string[]): Promise<TestCoverage> {
    const testNames = testGroups === undefined ? undefined : testNamesOfGroups(testGroups);
    const [groups, rows, networkCoverage] = await Promise.all([
      this.testGroups.groupNames(),
      this.fastpath.testGroupCoverage(probeCc),
      this.fastpath.networkCoverage(probeCc, testNames),
    ]);
    const counts = new Map(rows.map((r) => [`${r.test_group}|${r.measurement_start_day}`, r.msmt_cnt]));
    const days = utcDays(-32, -2);
    const testCoverage = groups.flatMap((group) =>
      days.map((day) => ({ count: counts.get(`${group}|${day}`) ?? 0, test_day: day, test_group: group })),
    );
    return { network_coverage: networkCoverage, test_coverage: testCoverage };
  }

  async countryOverview(probeCc: string): Promise<CountryOverviewRow> {
    return this.fastpath.countryOverview(probeCc, await this.counters.countedNow(sinceOoniStart));
  }

  async globalOverview(): Promise<GlobalOverviewRow> {
    return this.fastpath.globalOverview(await this.counters.countedNow(allTime));
  }

  async globalOverviewByMonth(): Promise<GlobalByMonth> {
    const rows = await this.fastpath.monthlyTotals(await this.counters.countedNow(last24Months));
    const series = (pick: (r: (typeof rows)[number]) => number): DateValue[] =>
      rows.map((r) => ({ date: isoMidnight(r.month), value: pick(r) }));
    return {
      networks_by_month: series((r) => r.networks),
      countries_by_month: series((r) => r.countries),
      measurements_by_month: series((r) => r.measurements),
    };
  }
}
