import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/api-error';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { PrioService } from '../prio/prio.service';
import { urlLimit } from '../probe-services/check-in.service';
import { EngineDescriptorRequestDto } from './dto/engine-descriptor-request.dto';
import { revisionIndex } from './link-params';
import { WEBSITES_LIST_PRIORITIZED } from './nettest-names';
import { descriptorOfRow, isoTime } from './oonirun-descriptor';
import { OonirunRowsCache } from './oonirun-rows.cache';
import { EngineDescriptor, Nettest } from './oonirun.types';

/**
 * What a probe runs for a link (bk-005 4.4): the nettests of a revision, with the inputs of
 * `targets_name` nettests computed for this probe. `websites_list_prioritized` is the check-in
 * test list: the Prio module's ranking for the probe's country and network, with check-in's URL
 * budget (all on manual runs, 100 when charging, 20 on battery).
 */
@Injectable()
export class EngineDescriptorService {
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly rowsCache: OonirunRowsCache,
    private readonly prio: PrioService,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  async engineDescriptor(
    linkId: string,
    revision: number | null,
    probe: EngineDescriptorRequestDto,
  ): Promise<EngineDescriptor> {
    const started = Date.now();
    const rows = await this.rowsCache.linkRows(linkId);
    if (rows.length === 0) throw notFound('OONI Run link not found');
    const index = revisionIndex(rows, revision);
    const nettests = descriptorOfRow(rows[index]).nettests;
    let websites: Promise<Pick<Nettest, 'inputs' | 'inputs_extra'>> | undefined;
    const filled = await Promise.all(
      nettests.map(async (n) => {
        // Other names (only in old v1 descriptors) keep what they store.
        if (n.targets_name !== WEBSITES_LIST_PRIORITIZED) return n;
        websites ??= this.prioritizedWebsites(probe);
        return { ...n, ...(await websites) };
      }),
    );
    // The legacy name of the descriptor fetch timer.
    this.metrics.timing('fetch_oonirun_descriptor', Date.now() - started);
    return {
      revision: String(index + 1),
      date_created: isoTime(rows[index].descriptor_creation_time),
      nettests: filled,
    };
  }

  private async prioritizedWebsites(
    probe: EngineDescriptorRequestDto,
  ): Promise<Pick<Nettest, 'inputs' | 'inputs_extra'>> {
    const list = await this.prio.generateTestList({
      probeCc: probe.probe_cc.toUpperCase(),
      probeAsn: Number(probe.probe_asn.replace(/^AS/, '')),
      categoryCodes: probe.website_category_codes ?? [],
      limit: urlLimit(probe.run_type, probe.is_charging),
    });
    return {
      inputs: list.map((e) => e.url),
      inputs_extra: list.map((e) => ({ category_code: e.category_code, country_code: e.country_code })),
    };
  }
}
