import {
  SYSTEM_CONTEXT,
  createUser,
  loadReleaseActor,
  proposeDefaultMapping,
  putSecret,
  saveErpConnection,
  seedErpMapping,
  type Db,
  type ErpConnection,
  type ErpConnectionMapping,
  type MasterKey,
  type ReleaseActor,
  type ReleaseRecord,
} from '@invoiceops/core';
import { ERP_CONNECTORS } from '@invoiceops/connectors';
import { unique } from '../factories.ts';
import type { Sandbox } from './sandbox.ts';
import { sandboxConnectionBody, sandboxConnectionName, sandboxSecretBody, type SandboxConnectionLimits } from './sandbox-connection.ts';

export interface ConnectSandboxErpOptions extends SandboxConnectionLimits {
  /** Connection and vault secret name; default `<vendor>-sandbox`. */
  readonly connectionName?: string;
  /** The vault's master key the credentials are encrypted with (the worker must read them with the same key). */
  readonly masterKey: MasterKey;
  /**
   * Changes the proposed tables before they are published: a value the simulator refuses
   * (`"9999"`), an account left out to see the missing-mapping exception.
   */
  readonly mapping?: (proposed: ErpConnectionMapping) => ErpConnectionMapping;
}

/** What was set up. */
export interface SandboxErpConnection {
  readonly connection: ErpConnection;
  readonly secretName: string;
  /** The tables published for the connection. */
  readonly mapping: ErpConnectionMapping;
  readonly release: ReleaseRecord;
}

/**
 * Points invoiceops at a running sandbox the way an administrator would through the API:
 * the credentials go into the vault (`putSecret`), the connection is saved — replaced when
 * one of that name exists — with the sandbox's URL, settings and limits, and an
 * `erp_mapping` version is published for it with the connector's default templates:
 * entities, GL accounts and tax codes mapped to themselves (`proposeDefaultMapping`), and
 * every customer and product that exists now mapped to its own id (the simulators accept
 * any id but their "unknown" ones, such as 9999). Customers and products created later
 * need external ids (system `erp:<connectionName>`) or another mapping version.
 *
 * The mapping is drafted and published by two controllers (four-eyes): the first two active
 * users holding the controller role for all entities, created when the database has fewer.
 */
export async function connectSandboxErp(db: Db, sandbox: Sandbox, options: ConnectSandboxErpOptions): Promise<SandboxErpConnection> {
  const definition = ERP_CONNECTORS.get(sandbox.kind);
  if (!definition) throw new Error(`this installation has no ${sandbox.kind} connector`);
  const name = options.connectionName ?? sandboxConnectionName(sandbox.kind);

  await putSecret(db, SYSTEM_CONTEXT, options.masterKey, name, sandboxSecretBody(sandbox));
  const existing = await db.selectFrom('erpConnections').select('version').where('name', '=', name).executeTakeFirst();
  const body = { ...sandboxConnectionBody(sandbox, name, options), ...(existing ? { version: existing.version } : {}) };
  const connection = await saveErpConnection(db, SYSTEM_CONTEXT, name, body, [...ERP_CONNECTORS.keys()]);

  const proposed = await proposeDefaultMapping(db, name, definition.defaultTemplates);
  const [customers, products] = await Promise.all([
    db.selectFrom('customers').select('id').execute(),
    db.selectFrom('products').select('id').execute(),
  ]);
  const tables: ErpConnectionMapping = {
    ...proposed,
    customers: Object.fromEntries(customers.map((c) => [c.id, c.id])),
    products: Object.fromEntries(products.map((p) => [p.id, p.id])),
  };
  const mapping = options.mapping ? options.mapping(tables) : tables;
  const [author, publisher] = await twoControllers(db);
  const release = await seedErpMapping(db, { connectionName: name, ...mapping, author, publisher, notes: `Sandbox ${sandbox.kind} at ${sandbox.baseUrl}.` });
  return { connection, secretName: name, mapping, release };
}

/** Two different controllers for all entities, created when missing. */
async function twoControllers(db: Db): Promise<[ReleaseActor, ReleaseActor]> {
  const found = await db
    .selectFrom('users')
    .innerJoin('roleGrants', 'roleGrants.userId', 'users.id')
    .select('users.id')
    .distinct()
    .where('users.active', '=', true)
    .where('roleGrants.role', '=', 'controller')
    .where('roleGrants.entityId', 'is', null)
    .orderBy('users.id')
    .limit(2)
    .execute();
  const ids = found.map((u) => u.id);
  while (ids.length < 2) {
    const user = await createUser(db, SYSTEM_CONTEXT, {
      email: `${unique('sandbox.controller.')}@test.invoiceops.dev`.toLowerCase(),
      name: `Sandbox controller ${ids.length + 1}`,
      kind: 'machine',
      grants: [{ role: 'controller', entityId: null }],
      approvalLimits: [],
    });
    ids.push(user.id);
  }
  return [await loadReleaseActor(db, ids[0]!), await loadReleaseActor(db, ids[1]!)];
}
