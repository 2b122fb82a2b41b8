/**
 * Prepares bench:billing's database in a process of its own: migrates it and seeds the demo
 * company with `customers` customers (for PGlite, first creating the folder, as the first
 * `invoiceops start` on a machine does). The seeder and PGlite's initdb (about 900 MB for a
 * moment, once per folder) are the dataset's making, not ingestion or billing, so the
 * process measured afterwards does not carry their memory. The seeded tables then get the
 * vacuum and analyze a deployment's worker gives them.
 *
 *   prepare-dataset.ts '<DatabaseConfig as JSON>' <customers>
 */
import { sql } from 'kysely';
import { createDatabase, maintainTables, migrateToLatest, seedDemoData, type DatabaseConfig } from '@invoiceops/core';

const [configText, customersText] = process.argv.slice(2);
if (!configText || !customersText) throw new Error("usage: prepare-dataset.ts '<config JSON>' <customers>");
const config = JSON.parse(configText) as DatabaseConfig;
const handle = await createDatabase(config);
if (config.kind === 'postgres') await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(handle.db);
await migrateToLatest(handle.db);
await seedDemoData(handle.db, { customers: Number(customersText), controls: false });
// Within a minute of the import, a deployment has the new customers and contracts analyzed
// (autovacuum on a server, the worker of `invoiceops start` on the embedded database).
await maintainTables(handle.db);
await handle.close();
