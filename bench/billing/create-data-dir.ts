/**
 * Creates and migrates an embedded database folder, as the first `invoiceops start` on a
 * machine does, in a process of its own: PGlite's initdb takes about 900 MB for a moment,
 * once per folder, which the billing workload measured afterwards never needs again.
 */
import { createDatabase, migrateToLatest } from '@invoiceops/core';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: create-data-dir.ts <folder>');
const handle = await createDatabase({ kind: 'pglite', dataDir });
await migrateToLatest(handle.db);
await handle.close();
