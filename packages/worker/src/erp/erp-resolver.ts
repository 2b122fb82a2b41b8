import {
  SYSTEM_CONTEXT,
  connectionForEntity,
  listErpConnections,
  readSecret,
  type ConnectorLimiter,
  type Db,
  type ErpConnection,
  type ErpTarget,
  type MasterKey,
} from '@invoiceops/core';
import type { ErpConnectorDefinition } from '@invoiceops/connectors';

/** Finds where an entity's documents are posted: an external ERP, or null for the built-in ledger. */
export interface ErpResolver {
  targetFor(entityId: string, holder: string): Promise<ErpTarget | null>;
}

/** For workers without external ERPs: everything posts to the built-in ledger. */
export const BUILTIN_ONLY: ErpResolver = { targetFor: async () => null };

const CONNECTIONS_TTL_MS = 2_000;

export interface ErpResolverOptions {
  readonly limiter: ConnectorLimiter;
  /** The connector kinds this installation has. */
  readonly definitions: ReadonlyMap<string, ErpConnectorDefinition>;
  /** The vault's master key, asked for when a connection has a secret; undefined: such connections fail with a clear message. */
  readonly masterKey: () => MasterKey | undefined;
}

/**
 * Resolves an entity's ERP connection from `erp_connections` (re-read every 2 s, so a
 * changed connection is used within seconds) and builds its connector once per connection
 * version. Credentials are read from the vault when a connector is built (an audited
 * read) and kept in this process's memory only.
 */
export function createErpResolver(db: Db, options: ErpResolverOptions): ErpResolver {
  let connections: { list: ErpConnection[]; readAt: number } | undefined;
  const built = new Map<string, Promise<ErpTarget['connector']>>();

  async function current(): Promise<ErpConnection[]> {
    if (!connections || Date.now() - connections.readAt > CONNECTIONS_TTL_MS) connections = { list: await listErpConnections(db), readAt: Date.now() };
    return connections.list;
  }

  async function build(connection: ErpConnection, definition: ErpConnectorDefinition): Promise<ErpTarget['connector']> {
    let credentials: Record<string, string> = {};
    if (connection.secretName) {
      const masterKey = options.masterKey();
      if (!masterKey) throw new Error(`connection ${connection.name} needs the vault secret ${connection.secretName}, but no master key is configured (INVOICEOPS_MASTER_KEY or INVOICEOPS_MASTER_KEY_FILE)`);
      credentials = await readSecret(db, SYSTEM_CONTEXT, masterKey, { name: connection.secretName, purpose: `credentials for ERP connection ${connection.name} (${connection.kind}), read by a worker` });
    }
    return definition.create({
      baseUrl: connection.baseUrl,
      credentials: definition.credentialsSchema.parse(credentials),
      settings: definition.settingsSchema.parse(connection.settings),
      timeoutMs: connection.timeoutMs,
    });
  }

  return {
    async targetFor(entityId, holder) {
      const connection = connectionForEntity(await current(), entityId);
      if (connection === null) return null;
      const definition = options.definitions.get(connection.kind);
      if (!definition) throw new Error(`connection ${connection.name} is of kind ${connection.kind}, which this worker does not have`);
      const key = `${connection.name}@${connection.version}`;
      let connector = built.get(key);
      if (!connector) {
        connector = build(connection, definition);
        built.set(key, connector);
        connector.catch(() => built.delete(key));
      }
      return { connection, connector: await connector, limiter: options.limiter, holder, erpName: definition.displayName };
    },
  };
}
