import { Command } from 'commander';
import { createClickhouseClient } from '../common/clickhouse/create-clickhouse-client';
import { Migrator } from '../common/clickhouse/migrator';
import { AppConfig } from '../common/config/app-config';
import { loadConfig } from '../common/config/load-config';
import { hashEmailAddress } from '../modules/auth/account-id';
import { AccountsRepository } from '../modules/auth/accounts.repository';
import { isValidEmailAddress, normalizeEmailAddress } from '../modules/auth/email-address';

/**
 * `create-admin <email>`: gives the account of an email address the admin role, to bootstrap a new
 * deployment (afterwards admins use POST /api/v1/set_account_role). The address is not stored,
 * only its keyed hash: the account id is printed.
 */
export function createAdminCommand(load: () => AppConfig = () => loadConfig()): Command {
  return new Command('create-admin')
    .description('Give the account of <email> the admin role (it then logs in through the usual email link)')
    .argument('<email>', 'email address of the account')
    .action(async (rawEmail: string) => {
      const email = normalizeEmailAddress(rawEmail);
      if (!isValidEmailAddress(email)) throw new Error(`invalid email address: ${rawEmail}`);
      const config = load();
      const client = await createClickhouseClient(config);
      try {
        await new Migrator(client).migrate();
        const accountId = hashEmailAddress(email, config.auth.account_id_hashing_key);
        await new AccountsRepository(client).setRole(accountId, 'admin');
        process.stdout.write(
          `account ${accountId} is now admin; sessions get the role at their next login or refresh\n`,
        );
      } finally {
        await client.close();
      }
    });
}
