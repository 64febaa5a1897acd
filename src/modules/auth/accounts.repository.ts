import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { Role, ROLES } from '../../common/auth/auth.types';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';

/** `accounts` (EmbeddedRocksDB, keyed by account_id): an insert replaces the account's role. */
@Injectable()
export class AccountsRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  /** The stored role, or null when the account has no row (it is then a plain `user`). */
  @SqlExample({ params: ['0123456789abcdef0123456789abcdef'] })
  async role(accountId: string): Promise<Role | null> {
    const rs = await this.clickhouse.query({
      query: 'SELECT role FROM accounts WHERE account_id = {account_id:FixedString(32)}',
      query_params: { account_id: accountId },
      format: 'JSONEachRow',
    });
    const rows = await rs.json<{ role: string }>();
    if (rows.length === 0) return null;
    // A role written by hand that this version does not know grants nothing more than `user`.
    return (ROLES as readonly string[]).includes(rows[0].role) ? (rows[0].role as Role) : 'user';
  }

  @SqlExample({ params: ['0123456789abcdef0123456789abcdef', 'admin'] })
  async setRole(accountId: string, role: Role): Promise<void> {
    await this.clickhouse.insert({
      table: 'accounts',
      values: [{ account_id: accountId, role }],
      format: 'JSONEachRow',
    });
  }
}
