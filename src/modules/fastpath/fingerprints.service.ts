import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppConfig } from '../../common/config/app-config';
import { ASSETS_DIR } from '../../common/project-paths';
import { FingerprintsRepository } from './fingerprints.repository';
import { FingerprintRecord } from './scoring/types';
import { FingerprintsRef } from './workers/score-task';

/**
 * Keeps the current fingerprints in a versioned JSON file that scoring workers load
 * (and compile) when the version changes. Refreshed periodically from the database;
 * scoring never waits for a refresh.
 */
@Injectable()
export class FingerprintsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Fingerprints');
  private readonly dir: string;
  private ref: FingerprintsRef = { version: 0, file: null };
  private previousFile: string | null = null;
  private hash = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: FingerprintsRepository,
  ) {
    this.dir = config.varPath('fastpath');
  }

  get current(): FingerprintsRef {
    return this.ref;
  }

  /** Seeds empty tables from the bundled snapshot, loads, and starts the periodic refresh. */
  async start(): Promise<void> {
    await this.seedIfEmpty();
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((err: Error) => this.logger.error(`refresh failed: ${err.message}`));
    }, this.config.fastpath.fingerprints_refresh_s * 1000);
    this.timer.unref();
  }

  async refresh(): Promise<void> {
    const [dns, http] = await Promise.all([this.repository.list('dns'), this.repository.list('http')]);
    const text = JSON.stringify({ dns, http });
    const hash = createHash('sha256').update(text).digest('hex');
    if (hash === this.hash) return;
    await fs.promises.mkdir(this.dir, { recursive: true });
    const version = this.ref.version + 1;
    const file = path.join(this.dir, `fingerprints-${version}.json`);
    await fs.promises.writeFile(file, text);
    // Tasks queued with the previous version may still read its file: drop only the one before.
    const stale = this.previousFile;
    this.previousFile = this.ref.file;
    this.ref = { version, file };
    this.hash = hash;
    this.logger.log(`loaded ${dns.length} DNS and ${http.length} HTTP fingerprints (v${version})`);
    if (stale) await fs.promises.rm(stale, { force: true });
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async seedIfEmpty(): Promise<void> {
    const [dnsCount, httpCount] = await Promise.all([this.repository.count('dns'), this.repository.count('http')]);
    if (dnsCount > 0 || httpCount > 0) return;
    const snapshot = JSON.parse(
      gunzipSync(fs.readFileSync(path.join(ASSETS_DIR, 'fingerprints-snapshot.json.gz'))).toString('utf8'),
    ) as { dns: FingerprintRecord[]; http: FingerprintRecord[] };
    await this.repository.insert('dns', snapshot.dns);
    await this.repository.insert('http', snapshot.http);
    this.logger.log(`seeded fingerprints from the bundled snapshot`);
  }
}
