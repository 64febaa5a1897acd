import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CitizenlabEntry } from '../../prio/prio.types';
import { GLOBAL_CC, GLOBAL_LIST, parseLegend, parseTestList, TestListRow } from '../test-list.format';
import { entryProblem, isCountryCode, urlHost } from '../test-list.validation';

export const CATEGORY_LEGEND = '00-LEGEND-new_category_codes.csv';
export const COUNTRY_LEGEND = '00-LEGEND-country_codes.csv';
const MAX_REPORTED_PROBLEMS = 20;

export class TestListValidationError extends Error {
  override readonly name = 'TestListValidationError';
  constructor(readonly problems: string[]) {
    super(`invalid test lists: ${problems.join('; ')}`);
  }
}

export interface TestListsBounds {
  /** Fewer URLs than this means a broken checkout (legacy: 20000). */
  minUrls: number;
  maxUrls: number;
}

export interface ValidatedTestLists {
  entries: CitizenlabEntry[];
  lists: number;
  /** Files that are not country lists (regional lists such as cis.csv), as legacy skips them. */
  skipped: string[];
}

interface Legends {
  categories: Map<string, string>;
  countries: Set<string>;
}

async function readLegends(listsDir: string): Promise<Legends> {
  const categories = parseLegend(
    await fs.readFile(path.join(listsDir, CATEGORY_LEGEND)),
    'New Code',
    'Category Description',
  );
  if (categories.size === 0) throw new TestListValidationError([`${CATEGORY_LEGEND} lists no category`]);
  // The country legend lags behind ISO (no CD, MK, RS...): it only adds to what ICU knows.
  const countryLegend = await fs.readFile(path.join(listsDir, COUNTRY_LEGEND)).catch(() => null);
  const countries = new Set(countryLegend ? parseLegend(countryLegend, 'CountryCode', 'CountryName').keys() : []);
  return { categories, countries };
}

/** The problems of one list's rows (empty when valid); valid rows are appended to `out`. */
function checkRows(file: string, cc: string, rows: TestListRow[], legends: Legends, out: CitizenlabEntry[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const where = `${file} line ${i + 2}`;
    const problem = entryProblem(row, legends.categories);
    if (problem !== null) {
      problems.push(`${where}: bad ${problem} ${JSON.stringify(row[problem === 'field' ? 'url' : problem])}`);
      return;
    }
    if (legends.categories.get(row.category_code) !== row.category_description) {
      problems.push(`${where}: category_description does not match ${row.category_code} in the legend`);
      return;
    }
    if (seen.has(row.url)) {
      problems.push(`${where}: duplicate URL ${row.url}`);
      return;
    }
    seen.add(row.url);
    out.push({ domain: urlHost(row.url) as string, url: row.url, cc, category_code: row.category_code });
  });
  return problems;
}

/**
 * Reads and strictly validates every `lists/<cc>.csv` of a test-lists checkout (legacy
 * citizenlab_test_lists_updater, made strict): columns, category codes and descriptions from
 * the repository's legend, URL syntax, country codes, no duplicate URL within a list, and a
 * plausible total. Any problem fails the whole read.
 */
export async function readTestLists(repoDir: string, bounds: TestListsBounds): Promise<ValidatedTestLists> {
  const listsDir = path.join(repoDir, 'lists');
  const legends = await readLegends(listsDir);
  const files = (await fs.readdir(listsDir)).filter((f) => f.endsWith('.csv') && !f.startsWith('00-')).sort();
  const entries: CitizenlabEntry[] = [];
  const skipped: string[] = [];
  const problems: string[] = [];
  let lists = 0;
  for (const file of files) {
    const stem = path.basename(file, '.csv');
    if (stem !== GLOBAL_LIST && stem.length !== 2) {
      skipped.push(file);
      continue;
    }
    const cc = stem === GLOBAL_LIST ? GLOBAL_CC : stem.toUpperCase();
    if (stem !== GLOBAL_LIST && (stem !== stem.toLowerCase() || !isCountryCode(cc, legends.countries))) {
      problems.push(`${file}: unknown country code`);
      continue;
    }
    lists += 1;
    try {
      problems.push(
        ...checkRows(file, cc, parseTestList(await fs.readFile(path.join(listsDir, file)), file), legends, entries),
      );
    } catch (err) {
      problems.push((err as Error).message);
    }
    if (problems.length >= MAX_REPORTED_PROBLEMS) break;
  }
  if (problems.length > 0) throw new TestListValidationError(problems.slice(0, MAX_REPORTED_PROBLEMS));
  if (entries.length < bounds.minUrls || entries.length > bounds.maxUrls) {
    throw new TestListValidationError([
      `${entries.length} URLs, expected between ${bounds.minUrls} and ${bounds.maxUrls}`,
    ]);
  }
  return { entries, lists, skipped };
}
