import { AsnmetaRow } from '../../../common/asnmeta/asnmeta-row';

export class InvalidAsOrgMapError extends Error {
  override readonly name = 'InvalidAsOrgMapError';
}

const MAX_ASN = 4294967295;

function toRow(asnKey: string, entry: unknown, where: string): AsnmetaRow {
  const bad = (why: string): never => {
    throw new InvalidAsOrgMapError(`as_org_map ${where}: ${why}`);
  };
  if (!/^\d{1,10}$/.test(asnKey) || Number(asnKey) > MAX_ASN) bad(`bad ASN ${JSON.stringify(asnKey)}`);
  if (!Array.isArray(entry) || entry.length < 5) {
    return bad('an entry is not [org_name, cc, YYYYMMDD, aut_name, source]');
  }
  const [orgName, cc, changed, autName, source] = entry as unknown[];
  for (const v of [orgName, cc, changed, autName, source]) if (typeof v !== 'string') bad('a field is not a string');
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(changed as string);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) bad(`bad date ${JSON.stringify(changed)}`);
  return {
    asn: Number(asnKey),
    org_name: orgName as string,
    cc: cc as string,
    changed: date,
    aut_name: autName as string,
    source: source as string,
  };
}

/**
 * Parses the historical AS-to-organization map the legacy updater reads
 * (`{"<asn>": [[org_name, cc, "YYYYMMDD", aut_name, source], ...], ...}`) into `asnmeta`
 * rows, checking every entry and that the row count is within bounds.
 */
export function parseAsOrgMap(json: Buffer, bounds: { minRows: number; maxRows: number }): AsnmetaRow[] {
  let map: unknown;
  try {
    map = JSON.parse(json.toString('utf8'));
  } catch (err) {
    throw new InvalidAsOrgMapError(`as_org_map is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new InvalidAsOrgMapError('as_org_map is not an object keyed by ASN');
  }
  const rows: AsnmetaRow[] = [];
  for (const [asn, history] of Object.entries(map)) {
    if (!Array.isArray(history)) throw new InvalidAsOrgMapError(`as_org_map AS${asn}: history is not a list`);
    history.forEach((entry, i) => rows.push(toRow(asn, entry, `AS${asn}[${i}]`)));
    if (rows.length > bounds.maxRows) throw new InvalidAsOrgMapError(`as_org_map has more than ${bounds.maxRows} rows`);
  }
  if (rows.length < bounds.minRows) {
    throw new InvalidAsOrgMapError(`as_org_map has ${rows.length} rows, expected at least ${bounds.minRows}`);
  }
  return rows;
}
