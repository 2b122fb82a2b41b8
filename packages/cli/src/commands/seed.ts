import type { Command } from 'commander';
import { DEMO_BILLING_PERIOD, DEMO_SIGN_INS, seedDemoData } from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { billDemoMonth } from '../runtime/bill-demo-month.ts';
import { describeDatabase, openDatabase } from '../runtime/open-database.ts';
import { progressReporter } from '../runtime/progress.ts';

/** `invoiceops seed`: generate the deterministic demo company into an empty database. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('generate a realistic demo SaaS company into an empty database')
    .option('--customers <n>', 'number of customers (1 to 100000)', '2000')
    .option('--suppliers <n>', 'number of suppliers', '300')
    .option('--seed <n>', 'random seed; the same seed gives the same data', '42')
    .option('--no-bill', 'do not bill the demo\'s history and month (the company goes live with the demo month)')
    .action(async (options: { customers: string; suppliers: string; seed: string; bill: boolean }) => {
      const config = runtimeConfigFromEnv();
      const handle = await openDatabase(config.database);
      const progress = progressReporter('seeding');
      const started = Date.now();
      try {
        const seeded = await seedDemoData(handle.db, {
          customers: Number(options.customers),
          suppliers: Number(options.suppliers),
          seed: Number(options.seed),
          // The company's past is billed below; without billing, it goes live with the demo month.
          history: options.bill,
          onProgress: (done, total, stage) => progress.update(done, total, stage),
        });
        progress.stop();
        if (options.bill) {
          const run = await billDemoMonth(handle.db, seeded);
          console.log(`drafted ${run.invoicesCreated} invoices for ${DEMO_BILLING_PERIOD}${run.errors.length ? ` (${run.errors.length} customers not billed: ${run.errors[0]!.message})` : ''}`);
        }
      } finally {
        progress.stop();
        await handle.close();
      }
      console.log(`seeded ${options.customers} customers into ${describeDatabase(config.database)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log('demo sign-ins (password: invoiceops-demo):');
      for (const s of DEMO_SIGN_INS) console.log(`  ${s.email.padEnd(34)} ${s.description}`);
    });
}
