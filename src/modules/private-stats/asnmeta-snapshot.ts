import * as fs from 'node:fs';
import { AsnmetaRow } from '../../common/asnmeta/asnmeta-row';
import { AsnCsvSources, eachCsvRow, readAsnSources } from '../../common/geoip/default-databases';

export const ASNMETA_SNAPSHOT_SOURCE = 'ip-location-db';

/**
 * One `asnmeta` row per ASN from ip-location-db's range lists (the data of the bundled GeoIP ASN
 * database): the organisation name given to most of its address ranges.
 */
export function asnmetaFromRanges(sources: AsnCsvSources, changed: string): AsnmetaRow[] {
  const names = new Map<number, Map<string, number>>();
  const count = (_start: string, _end: string, asn: number, name: string): void => {
    if (name === '') return;
    let byName = names.get(asn);
    if (byName === undefined) names.set(asn, (byName = new Map<string, number>()));
    byName.set(name, (byName.get(name) ?? 0) + 1);
  };
  eachCsvRow(sources.ipv4, count);
  eachCsvRow(sources.ipv6, count);
  const rows: AsnmetaRow[] = [];
  for (const [asn, byName] of [...names].sort((a, b) => a[0] - b[0])) {
    let best = '';
    let bestN = 0;
    for (const [name, n] of byName) {
      if (n > bestN || (n === bestN && name < best)) [best, bestN] = [name, n];
    }
    rows.push({ asn, org_name: best, cc: '', changed, aut_name: '', source: ASNMETA_SNAPSHOT_SOURCE });
  }
  return rows;
}

/** Release day of the installed `@ip-location-db/asn` (its versions end in YYYYMMDDHH), else today. */
export function asnPackageDay(): string {
  const pkg = JSON.parse(fs.readFileSync(require.resolve('@ip-location-db/asn/package.json'), 'utf8')) as {
    version?: string;
  };
  const m = /(\d{4})(\d{2})(\d{2})\d{2}$/.exec(pkg.version ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : new Date().toISOString().slice(0, 10);
}

/** The snapshot from the installed package (reads about 30 MB of CSV). */
export function readAsnmetaSnapshot(): AsnmetaRow[] {
  return asnmetaFromRanges(readAsnSources(), asnPackageDay());
}
