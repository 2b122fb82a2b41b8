import type { Command } from 'commander';
import { loadMasterKey } from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { describeDatabase, openDatabase } from '../runtime/open-database.ts';
import { onShutdown, serveHttp } from '../runtime/serve-http.ts';

/** `invoiceops serve`: the stateless API (and web UI); run as many as you like. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API and web UI only (stateless; run several behind a load balancer)')
    .option('--no-web', 'do not serve the web UI')
    .action(async (options: { web: boolean }) => {
      const config = runtimeConfigFromEnv();
      const masterKey = loadMasterKey();
      const logger = createLogger(config.logLevel);
      const handle = await openDatabase(config.database);
      const app = await serveHttp(handle.db, config, logger, options.web, masterKey);
      onShutdown(logger, [() => app.close(), () => handle.close()]);
      logger.info({ url: config.publicUrl, database: describeDatabase(config.database) }, 'API listening');
    });
}
