import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { currentSnapshot, readCitizenlabSnapshot } from './citizenlab-snapshot';
import { DEFAULT_PRIO_RULES } from './prio.defaults';
import { PrioRepository } from './prio.repository';
import { PRIO_OPTIONS, PrioOptions, PrioService } from './prio.service';

/**
 * On a fresh install the `citizenlab` table is empty until the CitizenLab updater first runs,
 * and probes would get no URL at all: fill it from the bundled snapshot, and give
 * `url_priorities` the legacy default rules when it has none. Only the process that runs the
 * jobs (`scheduler.enabled`) seeds, so API replicas do not race; every process then warms its cache.
 */
@Injectable()
export class CitizenlabSnapshotLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('CitizenlabSnapshot');

  constructor(
    private readonly config: AppConfig,
    private readonly repo: PrioRepository,
    private readonly prio: PrioService,
    @Optional() @Inject(PRIO_OPTIONS) private readonly options?: PrioOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.scheduler.enabled) {
      try {
        await this.seedIfEmpty();
      } catch (err) {
        this.logger.error(`seeding from the bundled snapshot failed: ${String(err)}`);
      }
    }
    await this.prio.refresh().catch((err: unknown) => this.logger.warn(`initial load failed: ${String(err)}`));
  }

  /** Returns the number of URLs inserted (0 when the table already had some). */
  async seedIfEmpty(file: string = currentSnapshot(this.options?.snapshotFiles)): Promise<number> {
    if ((await this.repo.countCitizenlab()) > 0) return 0;
    let inserted = 0;
    for await (const batch of readCitizenlabSnapshot(file, 5000)) {
      await this.repo.insertCitizenlab(batch);
      inserted += batch.length;
    }
    if ((await this.repo.countRuleRows()) === 0) {
      await this.repo.insertRuleRows(DEFAULT_PRIO_RULES.map((rule) => ({ sign: 1, ...rule })));
    }
    this.logger.log(`citizenlab was empty: loaded ${inserted} URLs from ${file}`);
    return inserted;
  }
}
