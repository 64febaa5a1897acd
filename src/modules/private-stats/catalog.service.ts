import { Injectable } from '@nestjs/common';
import { CountersService } from '../counters/counters.service';
import { FastpathDomainsReader } from '../fastpath-store/fastpath-domains.reader';
import { FastpathStatsReader } from '../fastpath-store/fastpath-stats.reader';
import { AsnmetaRepository } from './asnmeta.repository';
import { CitizenlabDomainsRepository } from './citizenlab-domains.repository';
import { DomainRow, NetworkRow } from './private-stats.types';

export interface DomainMetadata {
  category_code: string;
  canonical_domain: string;
}

/** Networks and domains Explorer lists, with their names and categories. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly fastpath: FastpathStatsReader,
    private readonly domainCounts: FastpathDomainsReader,
    private readonly citizenlab: CitizenlabDomainsRepository,
    private readonly asnmeta: AsnmetaRepository,
    private readonly counters: CountersService,
  ) {}

  /**
   * Category of the shortest listed URL of the domain (with or without `www.`), the global
   * list first; the canonical domain is that entry's spelling. Unlisted: MISC and the domain without `www.`.
   */
  async domainMetadata(domain: string): Promise<DomainMetadata> {
    const bare = domain.startsWith('www.') ? domain.slice(4) : domain;
    const variants = [bare, `www.${bare}`];
    const entry =
      (await this.citizenlab.shortestEntry(variants, true)) ?? (await this.citizenlab.shortestEntry(variants, false));
    return entry
      ? { category_code: entry.category_code, canonical_domain: entry.domain }
      : { category_code: 'MISC', canonical_domain: bare };
  }

  async orgName(asn: number): Promise<string> {
    return (await this.asnmeta.orgName(asn)) ?? 'Unknown';
  }

  /** Measured networks with their organisation name ('' when unknown, as the legacy join gave). */
  async networks(): Promise<NetworkRow[]> {
    const counts = await this.fastpath.networkCounts(await this.counters.countedWindow(undefined, undefined));
    const names = await this.asnmeta.orgNames(counts.filter((c) => c.probe_asn >= 0).map((c) => c.probe_asn));
    return counts.map((c) => ({ probe_asn: c.probe_asn, cnt: c.count, org_name: names.get(c.probe_asn) ?? '' }));
  }

  /** The `networks` route's answer. */
  async networksAnswer(): Promise<{ v: 0; results: NetworkRow[] }> {
    return { v: 0, results: await this.networks() };
  }

  /** The `domains` route's answer. */
  async domainsAnswer(): Promise<{ v: 0; results: DomainRow[] }> {
    return { v: 0, results: await this.domains() };
  }

  domains(): Promise<DomainRow[]> {
    return this.domainCounts.domains();
  }
}
