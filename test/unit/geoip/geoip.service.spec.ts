import { Logger } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installDefaultDatabases } from '../../../src/common/geoip/default-databases';
import { GeoipService } from '../../../src/common/geoip/geoip.service';
import { MmdbWriter } from '../../../src/common/geoip/mmdb-writer';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { testConfig } from '../../helpers/test-config';

const ip4 = (s: string): number => s.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** A one-network ASN database in the GeoLite2-ASN shape. */
function tinyAsnDb(asn: number, name: string): Buffer {
  const w = new MmdbWriter();
  w.insertIpv4Range(
    ip4('8.8.8.0'),
    ip4('8.8.8.255'),
    w.addValue({ autonomous_system_number: asn, autonomous_system_organization: name }),
  );
  return w.build({ databaseType: 'GeoLite2-ASN', description: 'test' });
}

/** A one-network country database in the GeoLite2-Country shape. */
function tinyCountryDb(cc: string): Buffer {
  const w = new MmdbWriter();
  w.insertIpv4Range(ip4('8.8.8.0'), ip4('8.8.8.255'), w.addValue({ country: { iso_code: cc, names: { en: cc } } }));
  return w.build({ databaseType: 'GeoLite2-Country', description: 'test' });
}

function replaceFile(file: string, data: Buffer | string): void {
  fs.writeFileSync(`${file}.new`, data);
  fs.renameSync(`${file}.new`, file);
}

function request(remoteAddress: string, headers: Record<string, string> = {}): FastifyRequest {
  return { socket: { remoteAddress }, headers, ip: remoteAddress } as unknown as FastifyRequest;
}

describe(GeoipService.name, () => {
  let defaults: string;
  let dir: string;
  const services: GeoipService[] = [];

  /** A started service on a fresh copy of the shipped databases. */
  async function newService(overrides: Record<string, unknown> = {}): Promise<GeoipService> {
    const service = new GeoipService(testConfig(dir, { geoip: { dir: path.join(dir, 'geoip') }, ...overrides }));
    services.push(service);
    await service.start();
    return service;
  }

  beforeAll(async () => {
    defaults = makeTempDir('ooni-geoip-defaults-');
    await installDefaultDatabases(path.join(defaults, 'cc.mmdb'), path.join(defaults, 'asn.mmdb'));
  });
  afterAll(() => removeDir(defaults));

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    dir = makeTempDir('ooni-geoip-');
    fs.mkdirSync(path.join(dir, 'geoip'));
    for (const f of ['cc.mmdb', 'asn.mmdb']) fs.copyFileSync(path.join(defaults, f), path.join(dir, 'geoip', f));
  });
  afterEach(() => {
    services.splice(0).forEach((s) => s.stop());
    removeDir(dir);
    jest.restoreAllMocks();
  });

  describe('lookup', () => {
    let geoip: GeoipService;
    beforeEach(async () => {
      geoip = await newService();
    });

    it('should geolocate public addresses with the shipped databases', () => {
      expect(geoip.lookup('8.8.8.8')).toEqual({
        probe_cc: 'US',
        probe_asn: 'AS15169',
        asn: 15169,
        network_name: 'Google LLC',
      });
      expect(geoip.lookup('1.1.1.1')).toEqual({
        probe_cc: 'AU',
        probe_asn: 'AS13335',
        asn: 13335,
        network_name: 'Cloudflare, Inc.',
      });
      expect(geoip.lookup('2001:4860:4860::8888')).toEqual({
        probe_cc: 'US',
        probe_asn: 'AS15169',
        asn: 15169,
        network_name: 'Google LLC',
      });
      expect(geoip.lookup('193.0.6.139')).toMatchObject({ probe_cc: 'NL', probe_asn: 'AS3333' });
    });

    it('should answer ZZ / AS0 for private, reserved and invalid addresses', () => {
      const unknown = { probe_cc: 'ZZ', probe_asn: 'AS0', asn: 0, network_name: '' };
      const special = ['10.0.0.1', '172.16.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', '169.254.1.1', '0.0.0.0'];
      const special6 = ['::1', '::', 'fe80::1', 'fd00::1', '2001:db8::1', 'ff02::1', '::ffff:192.168.1.1'];
      for (const ip of [...special, ...special6, '224.0.0.1', '255.255.255.255', 'not an ip', '', '1.2.3']) {
        expect(geoip.lookup(ip)).toEqual(unknown);
      }
    });

    it('should look up IPv4-mapped IPv6 addresses as IPv4', () => {
      expect(geoip.lookup('::ffff:8.8.8.8')).toEqual(geoip.lookup('8.8.8.8'));
    });

    it('should give country and AS separately, null when not found', () => {
      expect(geoip.lookupCountry('8.8.8.8')).toBe('US');
      expect(geoip.lookupAsn('8.8.8.8')).toEqual({ asn: 15169, name: 'Google LLC' });
      expect(geoip.lookupCountry('10.0.0.1')).toBeNull();
      expect(geoip.lookupAsn('10.0.0.1')).toBeNull();
      expect(geoip.lookupAsn('nope')).toBeNull();
    });
  });

  describe('clientIp', () => {
    it('should use the socket peer, not headers, when no proxy is trusted', async () => {
      const geoip = await newService();
      expect(geoip.clientIp(request('203.0.113.5', { 'x-forwarded-for': '8.8.8.8', 'x-real-ip': '1.1.1.1' }))).toBe(
        '203.0.113.5',
      );
    });

    it('should use the forwarded address from a trusted proxy, by address or CIDR, IPv4 or IPv6', async () => {
      const geoip = await newService({ http: { trusted_proxies: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'] } });
      expect(geoip.clientIp(request('127.0.0.1', { 'x-forwarded-for': '8.8.8.8' }))).toBe('8.8.8.8');
      expect(geoip.clientIp(request('10.20.30.40', { 'x-real-ip': '1.1.1.1' }))).toBe('1.1.1.1');
      expect(geoip.clientIp(request('fd00::9', { 'x-forwarded-for': '2001:4860:4860::8888' }))).toBe(
        '2001:4860:4860::8888',
      );
      expect(geoip.clientIp(request('::ffff:10.0.0.1', { 'x-forwarded-for': '8.8.8.8' }))).toBe('8.8.8.8');
      expect(geoip.clientIp(request('11.0.0.1', { 'x-forwarded-for': '8.8.8.8' }))).toBe('11.0.0.1');
    });

    it('should use the socket address even when Fastify rewrote request.ip', async () => {
      const geoip = await newService();
      const req = { socket: { remoteAddress: '203.0.113.5' }, headers: {}, ip: '8.8.8.8' } as unknown as FastifyRequest;
      expect(geoip.clientIp(req)).toBe('203.0.113.5');
    });

    it('should refuse an invalid trusted proxy entry', () => {
      expect(() => new GeoipService(testConfig(dir, { http: { trusted_proxies: ['10.0.0.0/99'] } }))).toThrow(
        /trusted_proxies/,
      );
    });
  });

  describe('files', () => {
    it('should install the shipped databases into an empty directory', async () => {
      fs.rmSync(path.join(dir, 'geoip'), { recursive: true });
      const geoip = await newService();
      expect(fs.existsSync(path.join(dir, 'geoip', 'cc.mmdb'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'geoip', 'asn.mmdb'))).toBe(true);
      expect(geoip.lookup('8.8.8.8').probe_asn).toBe('AS15169');
    });

    it('should read MaxMind GeoLite2 record shapes and configured file names', async () => {
      fs.writeFileSync(path.join(dir, 'geoip', 'GeoLite2-Country.mmdb'), tinyCountryDb('DE'));
      fs.writeFileSync(path.join(dir, 'geoip', 'GeoLite2-ASN.mmdb'), tinyAsnDb(64500, 'Example Net'));
      const geoip = await newService({
        geoip: { dir: path.join(dir, 'geoip'), country_db: 'GeoLite2-Country.mmdb', asn_db: 'GeoLite2-ASN.mmdb' },
      });
      expect(geoip.lookup('8.8.8.8')).toEqual({
        probe_cc: 'DE',
        probe_asn: 'AS64500',
        asn: 64500,
        network_name: 'Example Net',
      });
      expect(geoip.lookup('1.1.1.1')).toEqual({ probe_cc: 'ZZ', probe_asn: 'AS0', asn: 0, network_name: '' });
    });

    it('should not look up IPv6 addresses in an IPv4-only database', async () => {
      const pkg = path.dirname(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json'));
      replaceFile(
        path.join(dir, 'geoip', 'cc.mmdb'),
        fs.readFileSync(path.join(pkg, 'geo-whois-asn-country-ipv4.mmdb')),
      );
      const geoip = await newService();
      expect(geoip.lookupCountry('8.8.8.8')).toBe('US');
      expect(geoip.lookupCountry('2001:4860:4860::8888')).toBeNull();
      expect(geoip.lookupAsn('2001:4860:4860::8888')).toEqual({ asn: 15169, name: 'Google LLC' });
    });

    it('should reload a database whose file changed', async () => {
      const geoip = await newService();
      replaceFile(path.join(dir, 'geoip', 'asn.mmdb'), tinyAsnDb(64500, 'Example Net'));
      replaceFile(path.join(dir, 'geoip', 'cc.mmdb'), tinyCountryDb('DE'));
      await geoip.refresh();
      expect(geoip.lookup('8.8.8.8')).toEqual({
        probe_cc: 'DE',
        probe_asn: 'AS64500',
        asn: 64500,
        network_name: 'Example Net',
      });
    });

    it('should check the files every reload_check_interval_s', async () => {
      const geoip = await newService({ geoip: { dir: path.join(dir, 'geoip'), reload_check_interval_s: 1 } });
      replaceFile(path.join(dir, 'geoip', 'asn.mmdb'), tinyAsnDb(64501, 'Later Net'));
      const deadline = Date.now() + 5000;
      while (geoip.lookup('8.8.8.8').asn !== 64501 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(geoip.lookup('8.8.8.8').network_name).toBe('Later Net');
    });

    it('should keep the previous reader when the new file is corrupt or truncated, and log an error', async () => {
      const geoip = await newService();
      const before = geoip.lookup('8.8.8.8');
      const file = path.join(dir, 'geoip', 'asn.mmdb');
      const good = fs.readFileSync(file);
      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

      for (const bad of ['not a database', good.subarray(0, good.length >> 1), good.subarray(0, good.length - 200)]) {
        errors.mockClear();
        replaceFile(file, bad);
        await geoip.refresh();
        expect(geoip.lookup('8.8.8.8')).toEqual(before);
        expect(errors).toHaveBeenCalledWith(expect.stringContaining('keeping the previous one'));
      }

      replaceFile(file, tinyAsnDb(64502, 'Fixed Net'));
      await geoip.refresh();
      expect(geoip.lookup('8.8.8.8').asn).toBe(64502);
    });

    it('should keep the previous reader when the file disappears', async () => {
      const geoip = await newService();
      fs.rmSync(path.join(dir, 'geoip', 'asn.mmdb'));
      await geoip.refresh();
      expect(geoip.lookup('8.8.8.8').asn).toBe(15169);
    });

    it('should answer unknown, not fail, when a configured file is corrupt at start', async () => {
      replaceFile(path.join(dir, 'geoip', 'asn.mmdb'), 'garbage');
      const geoip = await newService();
      expect(geoip.lookup('8.8.8.8')).toEqual({ probe_cc: 'US', probe_asn: 'AS0', asn: 0, network_name: '' });
    });
  });
});
