import { Reader, Response } from 'maxmind';
import { gunzipSync } from 'node:zlib';
import { asnOf, AsnRecord, countryOf, CountryRecord } from '../../../common/geoip/geoip.types';

export type MmdbKind = 'country' | 'asn';

export class InvalidMmdbError extends Error {
  override readonly name = 'InvalidMmdbError';
}

export interface MmdbFacts {
  databaseType: string;
  /** Seconds since the epoch. */
  buildEpoch: number;
  nodeCount: number;
}

/** The MMDB inside a download: gunzipped when it starts with the gzip magic, bounded in size. */
export function unpackMmdb(download: Buffer, maxBytes: number): Buffer {
  if (download.length < 2 || download[0] !== 0x1f || download[1] !== 0x8b) return download;
  try {
    return gunzipSync(download, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new InvalidMmdbError(`cannot gunzip: ${(err as Error).message}`);
  }
}

/**
 * Opens an MMDB and looks up every address of `checkIps`: each must resolve to a country
 * (country database) or an AS number (ASN database). Returns the metadata.
 */
export function checkMmdb(kind: MmdbKind, mmdb: Buffer, checkIps: readonly string[]): MmdbFacts {
  let reader: Reader<Response>;
  try {
    reader = new Reader<Response>(mmdb);
  } catch (err) {
    throw new InvalidMmdbError(`${kind} database does not open: ${(err as Error).message}`);
  }
  for (const ip of checkIps) {
    let found: string | null;
    try {
      const record = reader.get(ip);
      found =
        kind === 'country'
          ? countryOf(record as CountryRecord | null)
          : (asnOf(record as AsnRecord | null)?.asn.toString() ?? null);
    } catch (err) {
      throw new InvalidMmdbError(`${kind} database fails on ${ip}: ${(err as Error).message}`);
    }
    if (found === null) throw new InvalidMmdbError(`${kind} database has no ${kind} for ${ip}`);
  }
  const { databaseType, buildEpoch, nodeCount } = reader.metadata;
  return { databaseType, buildEpoch: Math.floor(buildEpoch.getTime() / 1000), nodeCount };
}
