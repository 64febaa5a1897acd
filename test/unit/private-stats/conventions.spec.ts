import { PATH_METADATA } from '@nestjs/common/constants';
import { AUTH_DECISION_KEY } from '../../../src/common/auth/auth-decision';
import { SQL_EXAMPLE_KEY } from '../../../src/common/clickhouse/sql-example.decorator';
import { FastpathDomainsReader } from '../../../src/modules/fastpath-store/fastpath-domains.reader';
import { FastpathStatsReader } from '../../../src/modules/fastpath-store/fastpath-stats.reader';
import { AsnmetaRepository } from '../../../src/modules/private-stats/asnmeta.repository';
import { CatalogController } from '../../../src/modules/private-stats/catalog.controller';
import { CitizenlabDomainsRepository } from '../../../src/modules/private-stats/citizenlab-domains.repository';
import { NetworkStatsController } from '../../../src/modules/private-stats/network-stats.controller';
import { OverviewStatsController } from '../../../src/modules/private-stats/overview-stats.controller';
import { TestGroupsRepository } from '../../../src/modules/private-stats/test-groups.repository';

type Ctor = { prototype: object; name: string };

const methodsOf = (cls: Ctor): Array<[string, unknown]> =>
  Object.getOwnPropertyNames(cls.prototype)
    .filter((m) => m !== 'constructor')
    .map((m) => [m, (cls.prototype as Record<string, unknown>)[m]]);

describe('private-stats conventions', () => {
  it('should mark every statistics route public and serve the 21 legacy routes', () => {
    const routes: string[] = [];
    for (const controller of [OverviewStatsController, NetworkStatsController, CatalogController]) {
      for (const [name, handler] of methodsOf(controller)) {
        const route = Reflect.getMetadata(PATH_METADATA, handler as object) as string | undefined;
        if (route === undefined) continue;
        routes.push(route);
        expect({ name, decision: Reflect.getMetadata(AUTH_DECISION_KEY, handler as object) as unknown }).toEqual({
          name,
          decision: { kind: 'public' },
        });
      }
    }
    expect(routes.sort()).toEqual(
      [
        'asn_by_month',
        'asnmeta',
        'circumvention_runtime_stats',
        'circumvention_stats_by_country',
        'countries',
        'countries_by_month',
        'country_overview',
        'domain_metadata',
        'domains',
        'global_overview',
        'global_overview_by_month',
        'im_networks',
        'im_stats',
        'network_stats',
        'networks',
        'test_coverage',
        'test_names',
        'vanilla_tor_stats',
        'website_networks',
        'website_stats',
        'website_urls',
      ].sort(),
    );
  });

  it('should give every public repository method an SQL example', () => {
    for (const repo of [
      FastpathStatsReader,
      FastpathDomainsReader,
      CitizenlabDomainsRepository,
      AsnmetaRepository,
      TestGroupsRepository,
    ]) {
      for (const [name, method] of methodsOf(repo)) {
        if (name === 'rows') continue; // private helper
        expect({ repo: repo.name, name, example: Reflect.hasMetadata(SQL_EXAMPLE_KEY, method as object) }).toEqual({
          repo: repo.name,
          name,
          example: true,
        });
      }
    }
  });
});
