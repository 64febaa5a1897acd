import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../clickhouse/clickhouse.constants';
import { SqlExample } from '../clickhouse/sql-example.decorator';
import { SessionClaims } from './auth.types';

/** `session_expunge`: tokens of an account issued before its threshold are void. */
@Injectable()
export class SessionExpungeRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  /** The threshold in seconds since the epoch, or null when the account has none. */
  @SqlExample({ params: ['0123456789abcdef0123456789abcdef'] })
  async threshold(accountId: string): Promise<number | null> {
    const rs = await this.clickhouse.query({
      query: `SELECT toUnixTimestamp(threshold) AS threshold FROM session_expunge
              WHERE account_id = {account_id:FixedString(32)}`,
      query_params: { account_id: accountId },
      format: 'JSONEachRow',
    });
    const rows = await rs.json<{ threshold: number }>();
    return rows.length > 0 ? rows[0].threshold : null;
  }

  /**
   * Whether the token was issued no later than the account's expunge. `iat` has a one-second
   * resolution: a token from the very second of the expunge is void too (legacy let it live).
   */
  @SqlExample({ params: [{ account_id: '0123456789abcdef0123456789abcdef', iat: 1704067200 }] })
  async isExpunged(claims: Pick<SessionClaims, 'account_id' | 'iat'>): Promise<boolean> {
    const threshold = await this.threshold(claims.account_id);
    return threshold !== null && claims.iat <= threshold;
  }

  @SqlExample({ params: ['0123456789abcdef0123456789abcdef', 1704067200] })
  /** Voids the account's tokens issued until `nowS` (seconds since the epoch). */
  async expungeNow(accountId: string, nowS = Math.floor(Date.now() / 1000)): Promise<void> {
    await this.clickhouse.insert({
      table: 'session_expunge',
      values: [{ account_id: accountId, threshold: nowS }],
      format: 'JSONEachRow',
    });
  }
}
