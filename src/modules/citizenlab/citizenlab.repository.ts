import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { CitizenlabEntry } from '../prio/prio.types';

const EXAMPLE_ENTRY: CitizenlabEntry = {
  domain: 'www.example.org',
  url: 'https://www.example.org/',
  cc: 'IT',
  category_code: 'NEWS',
};

/** The updater's SQL: `citizenlab_flip` is filled, then swapped with `citizenlab`. */
@Injectable()
export class CitizenlabRepository {
  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  @SqlExample({ params: [] })
  async truncateFlip(): Promise<void> {
    await this.client.command({ query: 'TRUNCATE TABLE citizenlab_flip' });
  }

  @SqlExample({ params: [[EXAMPLE_ENTRY]] })
  async insertFlip(rows: readonly CitizenlabEntry[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: 'citizenlab_flip', values: rows, format: 'JSONEachRow' });
  }

  @SqlExample({ params: [] })
  async countFlip(): Promise<number> {
    const rs = await this.client.query({ query: 'SELECT count() AS n FROM citizenlab_flip', format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: number | string }>();
    return Number(row?.n ?? 0);
  }

  /** Atomic: readers see the old table or the new one, never a mix. */
  @SqlExample({ params: [] })
  async exchangeFlip(): Promise<void> {
    await this.client.command({ query: 'EXCHANGE TABLES citizenlab_flip AND citizenlab' });
  }
}
