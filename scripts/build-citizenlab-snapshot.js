#!/usr/bin/env node
/**
 * Builds assets/citizenlab-snapshot.csv.gz, the CitizenLab test lists bundled with the API: a
 * fresh install seeds its empty `citizenlab` table from it, and the prioritization falls back
 * to it when the database cannot be read.
 *
 *   node scripts/build-citizenlab-snapshot.js [<test-lists>/lists] [<output file>]
 *
 * Columns: domain,url,cc,category_code — cc upper case, 'ZZ' for global.csv (as the legacy
 * CitizenLab updater stores it).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { parse } = require('csv-parse/sync');

const DEFAULT_LISTS = '/work/shared/reference/data/citizenlab-test-lists/lists';
const DEFAULT_OUTPUT = path.resolve(__dirname, '..', 'assets', 'citizenlab-snapshot.csv.gz');

/** Host part of a URL as written (legacy: urlparse(url).netloc), without user info. */
function domainOf(url) {
  const afterScheme = url.includes('://') ? url.slice(url.indexOf('://') + 3) : url;
  const end = afterScheme.search(/[/?#]/);
  const netloc = end === -1 ? afterScheme : afterScheme.slice(0, end);
  return netloc.slice(netloc.lastIndexOf('@') + 1);
}

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function main() {
  const listsDir = path.resolve(process.argv[2] || DEFAULT_LISTS);
  const output = path.resolve(process.argv[3] || DEFAULT_OUTPUT);
  const files = fs
    .readdirSync(listsDir)
    .filter((name) => name.endsWith('.csv') && !name.startsWith('00-'))
    .sort();
  const seen = new Set();
  const lines = ['domain,url,cc,category_code'];
  let lists = 0;
  for (const name of files) {
    const stem = path.basename(name, '.csv');
    const cc = stem === 'global' ? 'ZZ' : stem.toUpperCase();
    // Regional lists (cis.csv) match no probe country code.
    if (!/^[A-Z]{2}$/.test(cc)) {
      console.log(`skipping ${name}: not a country list`);
      continue;
    }
    lists += 1;
    const rows = parse(fs.readFileSync(path.join(listsDir, name)), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
    for (const row of rows) {
      const url = row.url;
      const category = (row.category_code || '').toUpperCase();
      if (!url || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || !/^[A-Z]+$/.test(category)) continue;
      const key = `${url}\u0000${cc}\u0000${category}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push([domainOf(url), url, cc, category].map(csvField).join(','));
    }
  }
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const gz = zlib.gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 });
  fs.writeFileSync(output, gz);
  console.log(`${output}: ${lines.length - 1} rows from ${lists} lists, ${gz.length} bytes`);
}

main();
