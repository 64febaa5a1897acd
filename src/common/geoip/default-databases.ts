import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileDurably } from '../fs/durable-write';
import { pathExists } from '../fs/path-exists';
import { MmdbWriter } from './mmdb-writer';

/** Free databases shipped as npm packages (CC BY 4.0, see README "GeoIP data"). */
const COUNTRY_PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';
const COUNTRY_FILE = 'geo-whois-asn-country.mmdb';
const ASN_PACKAGE = '@ip-location-db/asn';

// Module-level aliases: global lookups are slow in jest's vm sandbox, where the tests build the ASN file.
const { isInteger } = Number;
const toBigInt = BigInt;

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Decodes one CSV field that may be quoted with doubled inner quotes. */
function unquote(field: string): string {
  if (field.length >= 2 && field.startsWith('"') && field.endsWith('"')) {
    return field.slice(1, -1).replaceAll('""', '"');
  }
  return field;
}

/** Calls `row` for each `start,end,asn,organization` line; start and end are decimal numbers. */
export function eachCsvRow(text: string, row: (start: string, end: string, asn: number, name: string) => void): void {
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const lineEnd = text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    const c1 = text.indexOf(',', pos);
    const c2 = c1 === -1 ? -1 : text.indexOf(',', c1 + 1);
    const c3 = c2 === -1 ? -1 : text.indexOf(',', c2 + 1);
    if (c3 !== -1 && c3 < lineEnd) {
      const asn = +text.slice(c2 + 1, c3);
      if (isInteger(asn) && asn > 0) {
        row(text.slice(pos, c1), text.slice(c1 + 1, c2), asn, unquote(text.slice(c3 + 1, lineEnd)).trim());
      }
    }
    pos = eol + 1;
  }
}

export interface AsnCsvSources {
  /** ip-location-db `asn-ipv4-num.csv` content. */
  ipv4: string;
  /** ip-location-db `asn-ipv6-num.csv` content. */
  ipv6: string;
}

/**
 * Builds an ASN MMDB in the GeoLite2-ASN record shape (`autonomous_system_number`,
 * `autonomous_system_organization`) from ip-location-db's numeric CSV range lists.
 */
export function buildAsnMmdb(sources: AsnCsvSources, buildEpoch?: number): Buffer {
  const writer = new MmdbWriter();
  // Most ASNs have one organization name; the few with several keep one value per name.
  const ids = new Map<number, Array<{ name: string; id: number }>>();
  let last = { asn: 0, name: '', id: -1 };
  const valueId = (asn: number, name: string): number => {
    // Consecutive rows usually belong to the same network.
    if (asn === last.asn && name === last.name) return last.id;
    let known = ids.get(asn);
    if (known === undefined) ids.set(asn, (known = []));
    let entry = known.find((e) => e.name === name);
    if (entry === undefined) {
      entry = { name, id: writer.addValue({ autonomous_system_number: asn, autonomous_system_organization: name }) };
      known.push(entry);
    }
    last = { asn, name, id: entry.id };
    return entry.id;
  };
  eachCsvRow(sources.ipv4, (start, end, asn, name) => {
    writer.insertIpv4Range(+start, +end, valueId(asn, name));
  });
  eachCsvRow(sources.ipv6, (start, end, asn, name) => {
    writer.insertIpv6Range(toBigInt(start), toBigInt(end), valueId(asn, name));
  });
  return writer.build({
    databaseType: 'GeoLite2-ASN',
    description: 'ASN database built from @ip-location-db/asn (RouteViews, NRO, DB-IP; CC BY 4.0)',
    buildEpoch,
  });
}

export function readAsnSources(): AsnCsvSources {
  const dir = packageDir(ASN_PACKAGE);
  return {
    ipv4: fs.readFileSync(path.join(dir, 'asn-ipv4-num.csv'), 'utf8'),
    ipv6: fs.readFileSync(path.join(dir, 'asn-ipv6-num.csv'), 'utf8'),
  };
}

export interface InstalledDatabases {
  /** Files written by this call (absolute paths). */
  installed: string[];
}

/**
 * Puts the shipped free databases at `countryFile` and `asnFile` when they are missing:
 * the country MMDB is copied, the ASN MMDB is built from the CSV range lists.
 */
export async function installDefaultDatabases(countryFile: string, asnFile: string): Promise<InstalledDatabases> {
  const installed: string[] = [];
  if (!(await pathExists(countryFile))) {
    await fs.promises.mkdir(path.dirname(countryFile), { recursive: true });
    const source = path.join(packageDir(COUNTRY_PACKAGE), COUNTRY_FILE);
    await writeFileDurably(countryFile, await fs.promises.readFile(source));
    installed.push(countryFile);
  }
  if (!(await pathExists(asnFile))) {
    await fs.promises.mkdir(path.dirname(asnFile), { recursive: true });
    await writeFileDurably(asnFile, buildAsnMmdb(readAsnSources()));
    installed.push(asnFile);
  }
  return { installed };
}
