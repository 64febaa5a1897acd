import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../../src/common/config/load-config';
import { checkRuntimeFiles, MissingRuntimeFileError, runtimeFiles } from '../../../src/common/startup/runtime-files';
import { readCitizenlabSnapshot } from '../../../src/modules/prio/citizenlab-snapshot';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

describe('runtime files', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir('ooni-runtime-')));
  afterEach(() => removeDir(dir));

  it('should find every file a fresh install reads at run time', () => {
    const files = runtimeFiles(loadConfig({ env: { OONI_VAR_DIR: dir } }));
    expect(files.map((f) => path.basename(f.path))).toEqual([
      'citizenlab-snapshot.csv.gz',
      'fingerprints-snapshot.json.gz',
      'tor-targets.json',
      'psiphon-config.json',
      'geo-whois-asn-country.mmdb',
      'asn-ipv4-num.csv',
    ]);
    expect(() => checkRuntimeFiles(files)).not.toThrow();
  });

  it('should not ask for the GeoIP sources once the databases are installed', () => {
    const config = loadConfig({ env: { OONI_VAR_DIR: dir } });
    fs.mkdirSync(config.geoip.dir, { recursive: true });
    fs.writeFileSync(path.join(config.geoip.dir, config.geoip.country_db), '');
    fs.writeFileSync(path.join(config.geoip.dir, config.geoip.asn_db), '');
    expect(runtimeFiles(config).map((f) => f.what)).not.toContain('default GeoIP ASN data');
  });

  it('should name the missing file and what it is for', () => {
    const missing = path.join(dir, 'gone.json');
    expect(() => checkRuntimeFiles([{ path: missing, what: 'tor targets served to probes' }])).toThrow(
      new MissingRuntimeFileError(
        `cannot read ${missing} (tor targets served to probes): ENOENT; reinstall the package or fix the path in the configuration`,
      ),
    );
  });

  it('should turn a missing CitizenLab snapshot into a rejected read, not an unhandled stream error', async () => {
    const read = async (): Promise<number> => {
      let rows = 0;
      for await (const batch of readCitizenlabSnapshot(path.join(dir, 'missing.csv.gz'))) rows += batch.length;
      return rows;
    };
    await expect(read()).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('should reject a corrupt CitizenLab snapshot', async () => {
    const corrupt = path.join(dir, 'corrupt.csv.gz');
    fs.writeFileSync(corrupt, 'not gzip at all');
    const read = async (): Promise<void> => {
      for await (const _batch of readCitizenlabSnapshot(corrupt)) void _batch;
    };
    await expect(read()).rejects.toMatchObject({ code: 'Z_DATA_ERROR' });
  });
});
