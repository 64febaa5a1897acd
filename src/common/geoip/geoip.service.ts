import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { normalizeIp, resolveClientIp, TrustedProxies } from './client-ip';
import { installDefaultDatabases } from './default-databases';
import { AsnInfo, asnOf, AsnRecord, countryOf, CountryRecord, GeoInfo, UNKNOWN_GEO } from './geoip.types';
import { ReloadableMmdb } from './reloadable-mmdb';
import { isSpecialPurposeIp } from './special-addresses';

export type { AsnInfo, GeoInfo } from './geoip.types';

/**
 * Country and AS of IP addresses, from the MMDB files in `geoip.dir`. Missing files are
 * installed from the free databases shipped with the npm packages; changed files are picked up
 * every `geoip.reload_check_interval_s` without blocking lookups.
 */
@Injectable()
export class GeoipService implements OnModuleInit {
  private readonly logger = new Logger(GeoipService.name);
  private readonly trusted: TrustedProxies;
  private readonly countryDb: ReloadableMmdb<CountryRecord>;
  private readonly asnDb: ReloadableMmdb<AsnRecord>;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly config: AppConfig) {
    this.trusted = new TrustedProxies(config.http.trusted_proxies);
    this.countryDb = new ReloadableMmdb(path.resolve(config.geoip.dir, config.geoip.country_db), this.logger);
    this.asnDb = new ReloadableMmdb(path.resolve(config.geoip.dir, config.geoip.asn_db), this.logger);
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  /** Installs missing databases, loads them and starts watching the files. Idempotent. */
  async start(): Promise<void> {
    if (this.timer) return;
    try {
      const started = Date.now();
      const { installed } = await installDefaultDatabases(this.countryDb.file, this.asnDb.file);
      if (installed.length > 0) {
        this.logger.log(`installed default GeoIP databases ${installed.join(', ')} in ${Date.now() - started} ms`);
      }
    } catch (err) {
      this.logger.error(`cannot install default GeoIP databases: ${(err as Error).message}`);
    }
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.geoip.reload_check_interval_s * 1000);
    this.timer.unref();
  }

  /** Stops watching the files. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads the files that changed since the last check; concurrent calls share one check. */
  refresh(): Promise<void> {
    this.refreshing ??= Promise.all([this.countryDb.refresh(), this.asnDb.refresh()])
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error(`GeoIP reload failed: ${(err as Error).message}`))
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Legacy check-in geolocation: `ZZ` / `AS0` / `''` for whatever is not found. */
  lookup(ip: string): GeoInfo {
    const addr = this.publicAddress(ip);
    if (addr === null) return { ...UNKNOWN_GEO };
    const cc = countryOf(this.countryDb.get(addr));
    const as = asnOf(this.asnDb.get(addr));
    return {
      probe_cc: cc ?? UNKNOWN_GEO.probe_cc,
      probe_asn: as ? `AS${as.asn}` : UNKNOWN_GEO.probe_asn,
      asn: as?.asn ?? 0,
      network_name: as?.name ?? '',
    };
  }

  /** ISO country code of `ip`, or null when invalid, special-purpose or not listed. */
  lookupCountry(ip: string): string | null {
    const addr = this.publicAddress(ip);
    return addr === null ? null : countryOf(this.countryDb.get(addr));
  }

  /** AS number and organization of `ip`, or null when invalid, special-purpose or not listed. */
  lookupAsn(ip: string): AsnInfo | null {
    const addr = this.publicAddress(ip);
    return addr === null ? null : asnOf(this.asnDb.get(addr));
  }

  private publicAddress(ip: string): string | null {
    const addr = normalizeIp(ip);
    return addr === null || isSpecialPurposeIp(addr) ? null : addr;
  }

  /** The client address: the socket peer, or what a trusted proxy forwarded (see `resolveClientIp`). */
  clientIp(request: FastifyRequest): string {
    return resolveClientIp(request.socket?.remoteAddress, request.headers, this.trusted);
  }
}
