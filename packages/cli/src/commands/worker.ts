import type { Command } from 'commander';
import { loadMasterKey } from '@invoiceops/core';
import { startWorker } from '@invoiceops/worker';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { onShutdown } from '../runtime/serve-http.ts';

/** `invoiceops worker`: a job runner; any number may run against one PostgreSQL server. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run a background job worker (any number, on any machines, against one database)')
    .option('--poll-ms <ms>', 'idle poll interval in milliseconds', '1000')
    .option('--batch <n>', 'jobs claimed per poll', '10')
    .action(async (options: { pollMs: string; batch: string }) => {
      const config = runtimeConfigFromEnv();
      if (config.database.kind === 'pglite') {
        throw new Error('a separate worker process needs DATABASE_URL (the embedded database belongs to one process); `invoiceops start` runs a worker in-process');
      }
      // Checked now so a malformed key stops the worker at once; jobs read it again when they need it.
      const masterKey = loadMasterKey();
      const logger = createLogger(config.logLevel);
      if (!masterKey) logger.warn('no INVOICEOPS_MASTER_KEY: webhook deliveries and vault secrets cannot be used until one is set');
      const handle = await openDatabase(config.database);
      const worker = startWorker({ db: handle.db, logger, pollIntervalMs: Number(options.pollMs), batchSize: Number(options.batch) });
      // A bill run in hand stops at its next chunk and goes back to the queue for another worker.
      onShutdown(logger, [() => worker.stop({ interrupt: true }), () => handle.close()]);
    });
}
