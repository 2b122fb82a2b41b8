import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { jsonText } from '../shared/json-text.ts';
import type { Database } from './schema.ts';

/** Where the data lives: an embedded PGlite folder (or memory) or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'pglite'; dataDir?: string | undefined; loadDataDir?: Blob | undefined }
  | { kind: 'postgres'; url: string; poolSize?: number | undefined };

/** The Kysely handle plus what is needed to close it and to tell which engine it is. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseConfig['kind'];
  /** The embedded instance, when there is one (used for dumps in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/**
 * Driver parsers: money columns are int8 and must arrive as bigint (PGlite returns a JS
 * number, `pg` a string); numeric stays a string so rates keep every digit; `date`
 * stays `YYYY-MM-DD`, since a JS Date would shift it into the process's time zone.
 */
const parseBigInt = (value: string): bigint => BigInt(value);
const keepText = (value: string): string => value;

/**
 * json parameters: bytes (see `jsonParam`) go through as they are, in the binary format
 * (for json, the text itself); anything else as the embedded client sends it by default.
 */
const serializeJson = (value: unknown): string | Uint8Array =>
  value instanceof Uint8Array ? value : typeof value === 'string' ? value : jsonText(value);

/** Array types whose parameters may arrive as bytes in the binary format (see `arrayParam`): text[], json[]. */
const BINARY_ARRAY_OIDS = [1009, 199];

/**
 * Lets bytes through as they are for the array types of `arrayParam`: the client builds
 * its array serializers when it opens, so they are wrapped then; a JavaScript array is
 * still serialized as before.
 */
function passBytesThrough(pglite: PGlite): void {
  for (const oid of BINARY_ARRAY_OIDS) {
    const serialize = pglite.serializers[oid];
    if (!serialize) throw new Error(`the embedded database has no serializer for type ${oid}`);
    pglite.serializers[oid] = (value: unknown) => (value instanceof Uint8Array ? (value as unknown as string) : serialize(value));
  }
}

/**
 * The embedded database answers on this thread, and its statements are chained by promises
 * alone: without a turn of the event loop, signals, timers and HTTP (a worker's ERP calls
 * and their answers, the API's requests) wait for a whole bill-run chunk or a batch of jobs
 * (measured: 10 to 16 s on a busy 2-core machine). The event loop gets a turn after every
 * statement instead; other queries still wait for an open transaction (one connection).
 */
const turnAfterEachStatement: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    await new Promise((resolve) => setImmediate(resolve));
    return args.result;
  },
};

/** Databases opened on a PostgreSQL server (see {@link servesConcurrently}). */
const serverDatabases = new WeakSet<object>();

/**
 * True when `db` was opened on a PostgreSQL server, which runs statements of several
 * connections at once; the embedded database runs one at a time on this thread, so work
 * split in parallel there only interleaves. (A transaction is one connection: false.)
 */
export function servesConcurrently(db: object): boolean {
  return serverDatabases.has(db);
}

/** Marks a database opened on a PostgreSQL server; its transactions carry the same plugins. */
const onServer: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: (args) => Promise.resolve(args.result),
};

/** True when `db`, or the transaction or connection it is, belongs to a PostgreSQL server rather than the embedded database. */
export function isOnServer(db: Kysely<unknown> | Kysely<Database>): boolean {
  return (db as Kysely<unknown>).getExecutor().plugins.includes(onServer);
}

/** Opens the configured database. Migrations are separate (`migrateToLatest`). */
export async function createDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
  if (config.kind === 'pglite') {
    if (config.dataDir && !config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
    const pglite = new PGlite({
      ...(config.dataDir ? { dataDir: config.dataDir } : {}),
      ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
      parsers: { [pgliteTypes.INT8]: parseBigInt, [pgliteTypes.NUMERIC]: keepText, [pgliteTypes.DATE]: keepText },
      serializers: { [pgliteTypes.JSON]: serializeJson as (value: unknown) => string },
    });
    await pglite.waitReady;
    passBytesThrough(pglite);
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins: [...plugins, turnAfterEachStatement] });
    return { db, kind: 'pglite', pglite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return parseBigInt;
        if (oid === NUMERIC || oid === DATE) return keepText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (restart, failover, an administrator's terminate) is
  // an 'error' on the pool; without a listener it would crash the process. The pool drops
  // that connection and opens a new one when next needed; queries in flight fail on their own.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL dropped an idle connection: ${error.message}`, 'DatabaseWarning');
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [...plugins, onServer] });
  serverDatabases.add(db);
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Reads `DATABASE_URL` / `INVOICEOPS_DATA_DIR` (default `./data`) into a config. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(':')[0]}:…")`);
    }
    const poolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined;
    return { kind: 'postgres', url, poolSize };
  }
  return { kind: 'pglite', dataDir: env.INVOICEOPS_DATA_DIR?.trim() || './data' };
}
