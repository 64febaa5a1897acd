import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { ASSETS_DIR } from '../project-paths';

/** A file the server reads at run time, and what it is for (named in the error). */
export interface RuntimeFile {
  path: string;
  what: string;
}

export class MissingRuntimeFileError extends Error {
  override readonly name = 'MissingRuntimeFileError';
}

/** Resolves an installed npm package's file, or a path that will fail the check, naming the package. */
function packageFile(pkg: string, file: string): string {
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  } catch {
    return path.join('node_modules', pkg, file);
  }
}

/** Every file the server needs before it can serve; GeoIP sources only while no database is installed. */
export function runtimeFiles(config: AppConfig): RuntimeFile[] {
  const files: RuntimeFile[] = [
    { path: path.join(ASSETS_DIR, 'citizenlab-snapshot.csv.gz'), what: 'bundled CitizenLab test lists' },
    { path: path.join(ASSETS_DIR, 'fingerprints-snapshot.json.gz'), what: 'bundled fastpath fingerprints' },
    { path: config.probe_services.tor_targets_file, what: 'tor targets served to probes' },
    { path: config.probe_services.psiphon_config_file, what: 'psiphon configuration served to probes' },
  ];
  if (!fs.existsSync(path.join(config.geoip.dir, config.geoip.country_db))) {
    files.push({
      path: packageFile('@ip-location-db/geo-whois-asn-country-mmdb', 'geo-whois-asn-country.mmdb'),
      what: 'default GeoIP country database',
    });
  }
  if (!fs.existsSync(path.join(config.geoip.dir, config.geoip.asn_db))) {
    files.push({ path: packageFile('@ip-location-db/asn', 'asn-ipv4-num.csv'), what: 'default GeoIP ASN data' });
  }
  return files;
}

/**
 * Stops start-up with one line naming the first unreadable file, before any module reads
 * it (a missing asset must not surface later as a stream error in the middle of start-up).
 */
export function checkRuntimeFiles(files: readonly RuntimeFile[]): void {
  for (const file of files) {
    try {
      fs.accessSync(file.path, fs.constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new MissingRuntimeFileError(
        `cannot read ${file.path} (${file.what}): ${code}; reinstall the package or fix the path in the configuration`,
      );
    }
  }
}
