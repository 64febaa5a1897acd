import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';

export interface HealthReport {
  status: 'ok' | 'degraded';
  clickhouse: 'ok' | 'unavailable';
}

@Injectable()
export class HealthService {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  async check(): Promise<HealthReport> {
    try {
      const ping = await this.clickhouse.ping();
      if (ping.success) return { status: 'ok', clickhouse: 'ok' };
    } catch {
      // reported below
    }
    return { status: 'degraded', clickhouse: 'unavailable' };
  }
}
