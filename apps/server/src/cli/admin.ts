import '../runtime/v8-flags';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AccountsService } from '../accounts/accounts.service';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AdminRolesService } from '../admin/admin-roles.service';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { InvitationsService } from '../auth/invitations.service';
import { PasswordService } from '../auth/password.service';
import { hashPassword } from '../auth/password-hasher';
import { SessionsService } from '../auth/sessions.service';
import { toBase64Url } from '@openmsg/core';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../config/app-config';
import { describeUnknownVariable, findUnknownVariables } from '../config/unknown-variables';
import { conformanceCommand } from './conformance-command';
import { prepareDatabase } from '../database/prepare-database';
import { MaintenanceService } from '../maintenance/maintenance.service';
import { AdminModule } from './admin.module';
import { backupCommand } from './backup-command';
import { UsageError } from './usage-error';

const USAGE = `Usage: openmsg-admin <command> [options]   (configuration from the same environment as the server)

  migrate                                   apply pending database migrations
  create-user --name "Display Name" [--id 1234] [--password P] [--no-replies] [--token]
                                            create an account (ID random if not given); --token also prints an access token
  create-token --id 1234 [--label scripts]  create a personal access token for an account
  list-users                                list accounts
  reset-password --id 1234 [--password P]   set a new password (random and printed if not given); signs the user out everywhere, revokes their tokens
  disable-user --id 1234                    refuse the account's sign-ins, tokens and incoming messages; signs it out
  enable-user --id 1234                     undo disable-user
  delete-user --id 1234                     delete the account's sessions, tokens, pass codes, contacts and messages; its address stays reserved
  grant-admin --id 1234                     give the account the admin role: the admin console in its inbox
  revoke-admin --id 1234                    take the admin role away (at once, also from its open sessions)
  create-invite [--note text] [--days 7]    a single-use sign-up code (for OPENMSG_REGISTRATION=invite)
  purge-expired                             delete expired pass codes, handshakes, nonces and attempt records
  backup --to /data/backups/openmsg.db      copy the SQLite database while the node runs (PostgreSQL: pg_dump)
  check-peer 1234*other.example --pass-code 123456 [--json] [--timeout 60]
                                            test another node as a careful peer would (beside the running node: it answers the peer's callbacks);
                                            uses the code once, leaves a labelled contact and test messages there; exit 1 on any FAIL
  check-self [--json] [--timeout 60]        this node's endpoints, certificate, DNS and clock as other nodes see them; exit 1 on any FAIL
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      id: { type: 'string' },
      label: { type: 'string' },
      token: { type: 'boolean' },
      'no-replies': { type: 'boolean' },
      password: { type: 'string' },
      note: { type: 'string' },
      days: { type: 'string' },
      to: { type: 'string' },
      'pass-code': { type: 'string' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  const config = loadConfig(process.env);
  for (const unknown of findUnknownVariables(process.env))
    console.error(`warning: ${describeUnknownVariable(unknown)}`);
  if (command === 'backup') return print(await backupCommand(config.databaseUrl, values.to));
  const applied = await prepareDatabase(config);
  if (command === 'migrate') return print({ applied });

  const app = await NestFactory.createApplicationContext(AdminModule.forRoot({ ...config, backgroundWork: false }), {
    logger: ['error'],
  });
  try {
    const accounts = app.get(AccountsService);
    switch (command) {
      case 'create-user': {
        if (!values.name) throw new UsageError('create-user needs --name');
        const passwordHash = values.password ? await hashPassword(values.password) : null;
        const account = await accounts.create({
          addressId: values.id,
          displayName: values.name,
          allowReplies: !values['no-replies'],
          passwordHash,
        });
        const token = values.token
          ? (await app.get(ApiTokensService).create(account.id, values.label ?? 'created by openmsg-admin')).token
          : undefined;
        return print({
          id: account.id,
          address: accounts.addressOf(account),
          displayName: account.displayName,
          ...(token ? { token } : {}),
        });
      }
      case 'create-token': {
        if (!values.id) throw new UsageError('create-token needs --id');
        const account = await app.get(AccountsRepository).findActiveByAddressId(values.id);
        if (!account) throw new UsageError(`no active account with ID ${values.id}`);
        const { token } = await app
          .get(ApiTokensService)
          .create(account.id, values.label ?? 'created by openmsg-admin');
        return print({ address: accounts.addressOf(account), token });
      }
      case 'list-users': {
        const rows = await app.get(AccountsRepository).list();
        return print(
          rows.map((row) => ({
            address: accounts.addressOf(row),
            displayName: row.displayName,
            role: row.role,
            disabled: Boolean(row.disabledAt),
            deleted: Boolean(row.deletedAt),
            createdAt: row.createdAt,
          })),
        );
      }
      case 'reset-password': {
        const account = await accounts.findByAddressIdOrFail(requireId(values.id, command));
        const password = values.password ?? toBase64Url(randomBytes(12));
        const { revokedTokens } = await app.get(PasswordService).reset(account.id, password);
        return print({ address: accounts.addressOf(account), ...(values.password ? {} : { password }), revokedTokens });
      }
      case 'disable-user':
      case 'enable-user': {
        const account = await accounts.findByAddressIdOrFail(requireId(values.id, command));
        const disabled = command === 'disable-user';
        await accounts.update(account.id, { disabledAt: disabled ? new Date() : null });
        if (disabled) await app.get(SessionsService).endAll(account.id);
        return print({ address: accounts.addressOf(account), disabled });
      }
      case 'delete-user': {
        const account = await accounts.findByAddressIdOrFail(requireId(values.id, command));
        await accounts.delete(account.id);
        return print({ address: accounts.addressOf(account), deleted: true });
      }
      case 'grant-admin':
      case 'revoke-admin':
        return print(
          await app
            .get(AdminRolesService)
            .set(requireId(values.id, command), command === 'grant-admin' ? 'admin' : 'user'),
        );
      case 'create-invite': {
        const days = values.days === undefined ? undefined : Number(values.days);
        if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 365))
          throw new UsageError('--days must be 1-365');
        return print(await app.get(InvitationsService).create(values.note ?? null, days));
      }
      case 'purge-expired':
        return print(await app.get(MaintenanceService).purgeExpired());
      case 'check-peer':
      case 'check-self':
        process.exitCode = await conformanceCommand(app, command, {
          address: positionals[0],
          passCode: values['pass-code'],
          json: values.json,
          timeout: values.timeout,
        });
        return;
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'no command given');
    }
  } finally {
    await app.close();
  }
}

function requireId(id: string | undefined, command: string): string {
  if (!id) throw new UsageError(`${command} needs --id`);
  return id;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(`openmsg-admin: ${error.message}`);
  process.exit(error instanceof UsageError ? 64 : 1);
});
