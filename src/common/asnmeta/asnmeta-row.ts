/** One row of `asnmeta`: written by the ASN metadata updater and the first-start seeding, read by Explorer's statistics. */
export interface AsnmetaRow {
  asn: number;
  org_name: string;
  cc: string;
  /** YYYY-MM-DD */
  changed: string;
  aut_name: string;
  source: string;
}
