import { randomBytes } from 'node:crypto';

const MAX_SLUG = 64;

/**
 * A new finding id as the newer API makes them (`generate_random_intuid`): a random 32-bit
 * number times 100 plus the collector id, in decimal.
 */
export function newIncidentId(collectorId: string): string {
  return String(randomBytes(4).readUInt32BE() * 100 + Number(collectorId));
}

/** The newer API's slug: `<year>-<title, lower case, spaces as dashes, other symbols dropped>`, 64 characters at most. */
export function slugFromTitle(createTime: number, title: string): string {
  const year = new Date(createTime * 1000).getUTCFullYear();
  const text = title
    .toLowerCase()
    .replace(/ /g, '-')
    .replace(/[^0-9a-zA-Z-]+/g, '');
  return `${year}-${text}`.slice(0, MAX_SLUG);
}

/** A generated slug made unique with the finding's id (same title twice in one year). */
export function slugWithId(slug: string, id: string): string {
  return `${slug.slice(0, MAX_SLUG - id.length - 1)}-${id}`;
}
