/**
 * Seeds the demo company into a fresh embedded database and verifies the audit chain,
 * printing rows per second. Usage: npm run bench:seed [-- 2000 20000 100000]
 */
import { createDatabase, migrateToLatest, seedDemoData, verifyAuditChain } from '@invoiceops/core';

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);

for (const customers of sizes.length > 0 ? sizes : [2_000, 20_000]) {
  const handle = await createDatabase({ kind: 'pglite' });
  await migrateToLatest(handle.db);
  const started = performance.now();
  await seedDemoData(handle.db, { customers });
  const seeded = (performance.now() - started) / 1000;
  const verifyStarted = performance.now();
  const verification = await verifyAuditChain(handle.db);
  const verified = (performance.now() - verifyStarted) / 1000;
  const heapMb = process.memoryUsage().rss / 1024 / 1024;
  console.log(
    `${String(customers).padStart(7)} customers: seed ${seeded.toFixed(2)} s (${Math.round(customers / seeded)} customers/s), ` +
      `audit verify ${verification.rowsChecked} rows in ${verified.toFixed(2)} s (${Math.round(verification.rowsChecked / verified)} rows/s), rss ${heapMb.toFixed(0)} MB`,
  );
  await handle.close();
}
