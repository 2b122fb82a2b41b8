import type { Command } from 'commander';
import {
  AppError,
  ROLES,
  SYSTEM_CONTEXT,
  createUser,
  createUserSchema,
  isRole,
  issueApiKey,
  listApiKeys,
  listUsers,
  revokeApiKey,
  type Db,
} from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { openDatabase } from '../runtime/open-database.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `role` or `role@ENTITYCODE` → a grant with the entity's id. */
async function parseGrant(db: Db, text: string): Promise<{ role: (typeof ROLES)[number]; entityId: string | null }> {
  const [role, entityCode] = text.split('@');
  if (!role || !isRole(role)) throw new AppError('validation_failed', `unknown role "${role}"; roles are ${ROLES.join(', ')}`);
  if (!entityCode) return { role, entityId: null };
  const entity = await db.selectFrom('legalEntities').select('id').where('code', '=', entityCode).executeTakeFirst();
  if (!entity) throw new AppError('validation_failed', `no legal entity with code "${entityCode}"`);
  return { role, entityId: entity.id };
}

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const handle = await openDatabase(runtimeConfigFromEnv().database);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data.replace(/\r?\n$/, '');
}

/** `invoiceops users …`: create users, issue and revoke API keys. */
export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('manage users and API keys');

  users
    .command('create')
    .description('create a user; --role may repeat, as role or role@ENTITYCODE')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--role <role>', `one of ${ROLES.join(', ')}, optionally @ENTITYCODE`, collect, [])
    .option('--machine', 'a machine user (no password; use API keys)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (options: { email: string; name: string; role: string[]; machine?: boolean; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? await readStdin() : process.env.INVOICEOPS_PASSWORD;
      if (!options.machine && password === undefined) {
        throw new AppError('validation_failed', 'a human user needs a password: pipe it with --password-stdin or set INVOICEOPS_PASSWORD');
      }
      await withDb(async (db) => {
        const grants = await Promise.all(options.role.map((r) => parseGrant(db, r)));
        const input = createUserSchema.parse({
          email: options.email,
          name: options.name,
          kind: options.machine ? 'machine' : 'human',
          ...(options.machine ? {} : { password }),
          grants,
        });
        const user = await createUser(db, SYSTEM_CONTEXT, input);
        console.log(`created user ${user.id} <${user.email}> with ${user.grants.map((g) => g.role).join(', ') || 'no roles'}`);
        for (const conflict of user.conflicts) console.log(`warning: segregation of duties: ${conflict}`);
      });
    });

  users
    .command('list')
    .description('list users with their roles')
    .action(async () => {
      await withDb(async (db) => {
        let cursor: string | undefined;
        do {
          const page = await listUsers(db, { limit: 200, cursor });
          for (const u of page.data) console.log(`${u.id}  ${u.email.padEnd(36)} ${u.active ? '' : '(inactive) '}${u.grants.map((g) => g.role + (g.entityId ? `@${g.entityId}` : '')).join(', ')}`);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      });
    });

  users
    .command('api-key')
    .description('issue an API key for a user; the secret is printed once')
    .requiredOption('--user <email>', 'the user the key acts for')
    .requiredOption('--name <name>', 'what the key is for, e.g. "netsuite sync"')
    .option('--role <role>', 'role(s) the key holds (default integration)', collect, [])
    .option('--entity <code>', 'limit the key to entity codes (repeat)', collect, [])
    .action(async (options: { user: string; name: string; role: string[]; entity: string[] }) => {
      await withDb(async (db) => {
        const user = await db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', options.user.toLowerCase())).executeTakeFirst();
        if (!user) throw new AppError('not_found', `no user with email ${options.user}`);
        const roles = options.role.length > 0 ? options.role : ['integration'];
        const bad = roles.find((r) => !isRole(r));
        if (bad) throw new AppError('validation_failed', `unknown role "${bad}"; roles are ${ROLES.join(', ')}`);
        const entityIds = options.entity.length > 0 ? (await Promise.all(options.entity.map((code) => parseGrant(db, `admin@${code}`)))).map((g) => g.entityId!) : null;
        const { apiKey, secret } = await issueApiKey(db, SYSTEM_CONTEXT, { userId: user.id, name: options.name, roles: roles as never, entityIds, expiresAt: null });
        console.log(`issued API key ${apiKey.id} (${apiKey.roles.join(', ')}${entityIds ? ` for ${options.entity.join(', ')}` : ''})`);
        console.log(`secret (shown once): ${secret}`);
      });
    });

  users
    .command('api-keys')
    .description('list API keys (never the secrets)')
    .action(async () => {
      await withDb(async (db) => {
        for (const k of await listApiKeys(db)) {
          console.log(`${k.id}  ${k.tokenPrefix}…  ${k.name.padEnd(24)} ${k.roles.join(',')}  ${k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`}`);
        }
      });
    });

  users
    .command('revoke-key <id>')
    .description('revoke an API key at once')
    .option('--reason <text>')
    .action(async (id: string, options: { reason?: string }) => {
      await withDb(async (db) => {
        const key = await revokeApiKey(db, SYSTEM_CONTEXT, id, options.reason);
        console.log(`revoked ${key.id} at ${key.revokedAt}`);
      });
    });
}
