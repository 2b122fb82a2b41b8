import type { Command } from 'commander';
import {
  ALL_ENTITIES,
  AppError,
  SYSTEM_CONTEXT,
  createBillRun,
  executeBillRun,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { progressReporter } from '../runtime/progress.ts';

/** `invoiceops bill-run --period 2026-10 [--entity DE01] [--finalize]`: bill a month in this process. */
export function registerBillRunCommand(program: Command): void {
  program
    .command('bill-run')
    .description('draft (and optionally finalize) the invoices of a billing month; safe to run again')
    .requiredOption('--period <YYYY-MM>', 'the billing month, e.g. 2026-10')
    .option('--entity <code>', 'only this legal entity (its code)')
    .option('--customer <id>', 'only this customer (cus_ id)')
    .option('--finalize', 'write the invoices finalized (allocates legal numbers) instead of drafts')
    .action(async (options: { period: string; entity?: string; customer?: string; finalize?: boolean }) => {
      const handle = await openDatabase(runtimeConfigFromEnv().database);
      const progress = progressReporter(`bill run ${options.period}`);
      try {
        const db = handle.db;
        let entityId: string | undefined;
        if (options.entity) {
          const entity = await db.selectFrom('legalEntities').select('id').where('code', '=', options.entity).executeTakeFirst();
          if (!entity) throw new AppError('validation_failed', `no legal entity with code "${options.entity}"`);
          entityId = entity.id;
        }
        const run = await createBillRun(db, SYSTEM_CONTEXT, { period: options.period, entityId, customerId: options.customer, finalize: options.finalize === true }, ALL_ENTITIES, { enqueue: false });
        const started = Date.now();
        const done = await executeBillRun(db, SYSTEM_CONTEXT, run.id, {
          taxEngine: createTaxEngine({ kind: 'builtin' }),
          onProgress: (n, total) => progress.update(n, total, 'customers'),
        });
        progress.stop();
        console.log(`bill run ${run.id} for ${options.period}: ${done.customersDone} customers, ${done.invoicesCreated} invoices ${options.finalize ? 'finalized' : 'drafted'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        for (const e of done.errors.slice(0, 20)) console.log(`  not billed: customer ${e.customerId}: ${e.message}`);
        if (done.errors.length > 0) process.exitCode = 3;
      } finally {
        progress.stop();
        await handle.close();
      }
    });
}
