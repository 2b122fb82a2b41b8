/** The public surface of core: the shells (server, worker, cli) import from here only. */
export * from './errors/app-error.ts';
export * from './db/create-database.ts';
export * from './db/migrate.ts';
export * from './db/transaction.ts';
export type * from './db/schema.ts';
export * from './shared/context.ts';
export * from './shared/ids.ts';
export * from './shared/schemas.ts';
export * from './access/roles.ts';
export * from './access/principal.ts';
export * from './audit/record-audit.ts';
export * from './audit/verify-audit-chain.ts';
export * from './audit/list-audit-for-object.ts';
export * from './master-data/index.ts';
export * from './money/index.ts';
export * from './identity/index.ts';
export * from './maintenance/purge-expired.ts';
export * from './jobs/index.ts';
