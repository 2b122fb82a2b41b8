import type { Command } from 'commander';
import { DEMO_BILLING_PERIOD, DEMO_SIGN_INS, isDatabaseEmpty, loadMasterKey, queueDemoHistory, releaseOrphanedJobs, seedDemoData } from '@invoiceops/core';
import { startWorker } from '@invoiceops/worker';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { dataFolderOf, describeDatabase, openDatabase } from '../runtime/open-database.ts';
import { progressReporter } from '../runtime/progress.ts';
import { onShutdown, serveHttp } from '../runtime/serve-http.ts';
import { startWatchdog } from '../runtime/watchdog.ts';

/**
 * `invoiceops start`: API, worker and web UI in one process, on the embedded database by
 * default. An empty database gets the demo company first (unless `--no-demo`).
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the API, a worker and the web UI in one process (seeds demo data into an empty database)')
    .option('--no-demo', 'do not seed demo data into an empty database')
    .option('--customers <n>', 'demo customers to generate on first start', '2000')
    .action(async (options: { demo: boolean; customers: string }) => {
      const started = Date.now();
      const config = runtimeConfigFromEnv();
      const logger = createLogger(config.logLevel);
      // Checks the data folder first (one line when it cannot be used), before the key file is written beside it.
      const handle = await openDatabase(config.database);
      // The vault's key: from the environment, or (embedded database) a key file beside the data folder, created on first start.
      const masterKey = loadMasterKey();
      // Ends the process when the data folder is deleted under it, or a stop outlasts its deadline.
      const watchdog = startWatchdog(dataFolderOf(config.database));
      let seeded = false;
      let billed = '';
      if (options.demo && (await isDatabaseEmpty(handle.db))) {
        const progress = progressReporter('seeding demo data');
        // Queued for the in-process worker, so the API answers at once and invoices appear moments
        // later: the company's past first (July to September, with its approvals and credits), then the demo month.
        // In the seeding's transaction: a process stopped in between would leave a demo that never gets billed.
        await handle.db.transaction().execute(async (trx) => {
          const demo = await seedDemoData(trx, { customers: Number(options.customers), history: true, onProgress: (d, t, s) => progress.update(d, t, s) });
          await queueDemoHistory(trx, new Date(demo.seededAt));
        });
        progress.stop();
        billed = `billing its history (July to September) and ${DEMO_BILLING_PERIOD} through the controls in the background`;
        seeded = true;
      }
      const app = await serveHttp(handle.db, config, logger, true, masterKey);
      const embedded = config.database.kind === 'pglite';
      // The embedded database has one process: jobs left running belong to a process that died (killed, crashed).
      if (embedded) {
        const orphans = await releaseOrphanedJobs(handle.db);
        if (orphans > 0) logger.warn({ jobs: orphans }, 'queued again the jobs a stopped process left running');
      }
      const worker = startWorker({ db: handle.db, logger: logger.child({ component: 'worker' }), embedded });
      // Until here a signal ends the process at once (an interrupted first seeding rolls back and runs
      // again on the next start). From here a stop is graceful and bounded: a bill run in hand (the
      // demo's history or month) stops at its next chunk and resumes on the next start.
      onShutdown(logger, [() => app.close(), () => worker.stop({ interrupt: true }), () => handle.close()], { watchdog });
      const lines = [
        '',
        `invoiceops is running at ${config.publicUrl}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
        `  data: ${describeDatabase(config.database)}${seeded ? ` — demo company seeded, ${billed}` : ''}`,
        `  API reference: ${config.publicUrl}/docs   health: ${config.publicUrl}/healthz`,
        `  credential vault: ${masterKey ? `master key ${masterKey.id} from ${masterKey.source}` : 'not configured (set INVOICEOPS_MASTER_KEY)'}`,
      ];
      if (seeded || options.demo) {
        lines.push('  demo sign-ins (password: invoiceops-demo):');
        for (const s of DEMO_SIGN_INS) lines.push(`    ${s.email.padEnd(34)} ${s.description}`);
      }
      process.stderr.write(`${lines.join('\n')}\n\n`);
    });
}
