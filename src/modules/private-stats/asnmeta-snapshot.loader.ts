import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AsnmetaRow } from '../../common/asnmeta/asnmeta-row';
import { AppConfig } from '../../common/config/app-config';
import { readAsnmetaSnapshot } from './asnmeta-snapshot';
import { AsnmetaRepository } from './asnmeta.repository';

const INSERT_BATCH = 20_000;

/**
 * `asnmeta` is empty until an ASN metadata updater runs: fill it on first start from the ASN
 * data bundled for GeoIP, so Explorer shows network names. Only the process that runs the
 * jobs (`scheduler.enabled`) seeds, like the CitizenLab snapshot.
 */
@Injectable()
export class AsnmetaSnapshotLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('AsnmetaSnapshot');

  constructor(
    private readonly config: AppConfig,
    private readonly repo: AsnmetaRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.scheduler.enabled) return;
    try {
      await this.seedIfEmpty();
    } catch (err) {
      this.logger.error(`seeding asnmeta from the bundled ASN data failed: ${String(err)}`);
    }
  }

  /** Returns the number of rows inserted (0 when the table already had some). */
  async seedIfEmpty(read: () => AsnmetaRow[] = readAsnmetaSnapshot): Promise<number> {
    if ((await this.repo.count()) > 0) return 0;
    const rows = read();
    for (let i = 0; i < rows.length; i += INSERT_BATCH) await this.repo.insert(rows.slice(i, i + INSERT_BATCH));
    this.logger.log(`asnmeta was empty: loaded ${rows.length} networks from @ip-location-db/asn`);
    return rows.length;
  }
}
