import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../../../common/config/app-config';
import { GeoipService } from '../../../common/geoip/geoip.service';
import { fetchSource, SourceFetchError } from '../../../common/http/fetch-source';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { checkMmdb, InvalidMmdbError, MmdbFacts, MmdbKind, unpackMmdb } from './mmdb-check';

export type GeoipOutcome = 'installed' | 'unchanged' | 'not_published';

export interface GeoipDownloadSummary {
  country: GeoipOutcome;
  asn: GeoipOutcome;
}

interface Candidate {
  kind: MmdbKind;
  file: string;
  mmdb: Buffer | null;
  facts: MmdbFacts | null;
}

/** `{YYYY-MM}` in a URL becomes the current UTC month (the db-ip monthly file names). */
export function monthlyUrl(template: string, now: Date): string {
  return template.replaceAll('{YYYY-MM}', now.toISOString().slice(0, 7));
}

/**
 * Downloads the country and ASN MMDB databases (legacy `ooni_download_geoip`): gunzips,
 * opens and probes both, refuses one older than the installed file, then installs both by
 * rename and has the GeoIP service reload them. A month not yet published (404) is no error.
 */
@Injectable()
export class GeoipDownloaderService {
  private readonly logger = new Logger('GeoipDownloader');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly geoip: GeoipService,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni_download_geoip');
  }

  async run(now = new Date()): Promise<GeoipDownloadSummary> {
    const { geoip } = this.config;
    const t0 = performance.now();
    let candidates: Candidate[];
    try {
      candidates = [
        await this.fetchChecked('country', path.resolve(geoip.dir, geoip.country_db), now),
        await this.fetchChecked('asn', path.resolve(geoip.dir, geoip.asn_db), now),
      ];
    } catch (err) {
      if (err instanceof InvalidMmdbError) this.metrics.increment('ooni_geoip_checkfail');
      throw err;
    }
    const summary: GeoipDownloadSummary = { country: 'not_published', asn: 'not_published' };
    for (const c of candidates) summary[c.kind] = await this.install(c);
    this.metrics.timing('download_geoip', performance.now() - t0);
    if (summary.country === 'installed' || summary.asn === 'installed') {
      await this.geoip.refresh();
      this.metrics.increment('ooni_geoip_updated');
    }
    this.logger.log(`country: ${summary.country}, asn: ${summary.asn}`);
    return summary;
  }

  private async fetchChecked(kind: MmdbKind, file: string, now: Date): Promise<Candidate> {
    const o = this.config.geoip_downloader;
    const url = monthlyUrl(kind === 'country' ? o.country_url : o.asn_url, now);
    let download: Buffer;
    try {
      download = await fetchSource(url, { maxBytes: o.max_bytes, timeoutMs: o.timeout_ms });
    } catch (err) {
      if (err instanceof SourceFetchError && err.status === 404) {
        this.logger.log(`${url} is not published yet`);
        return { kind, file, mmdb: null, facts: null };
      }
      throw err;
    }
    const mmdb = unpackMmdb(download, o.max_bytes);
    const facts = checkMmdb(kind, mmdb, o.check_ips);
    const prefix = kind === 'country' ? 'geoip_cc' : 'geoip_asn';
    this.metrics.gauge(`${prefix}_node_cnt`, facts.nodeCount);
    this.metrics.gauge(`${prefix}_epoch`, facts.buildEpoch);
    const current = await this.installedEpoch(file);
    if (current !== null && facts.buildEpoch < current) {
      throw new InvalidMmdbError(
        `${kind} database from ${url} was built ${new Date(facts.buildEpoch * 1000).toISOString()}, ` +
          `before the installed one (${new Date(current * 1000).toISOString()})`,
      );
    }
    this.logger.log(`${kind}: ${url} checked (${facts.databaseType}, ${mmdb.length} bytes)`);
    return { kind, file, mmdb, facts: current === facts.buildEpoch ? null : facts };
  }

  /** Build epoch of the installed file, or null when missing or unreadable (then anything valid replaces it). */
  private async installedEpoch(file: string): Promise<number | null> {
    try {
      return checkMmdb('country', await fs.promises.readFile(file), []).buildEpoch;
    } catch {
      return null;
    }
  }

  private async install(c: Candidate): Promise<GeoipOutcome> {
    if (c.mmdb === null) return 'not_published';
    if (c.facts === null) return 'unchanged';
    await fs.promises.mkdir(path.dirname(c.file), { recursive: true });
    const tmp = `${c.file}.tmp-${randomBytes(6).toString('hex')}`;
    await fs.promises.writeFile(tmp, c.mmdb);
    await fs.promises.rename(tmp, c.file);
    return 'installed';
  }
}
