import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '@invoiceops/server';
import type { Db, MasterKey } from '@invoiceops/core';
import type { RuntimeConfig } from './config.ts';

/** Builds the API and listens on the configured port; `masterKey` is the credential vault's (undefined: none). */
export async function serveHttp(db: Db, config: RuntimeConfig, logger: Logger, serveWebUi: boolean, masterKey?: MasterKey): Promise<FastifyInstance> {
  const app = await buildApp({ db, logger: logger.child({ component: 'api' }), serveWebUi, secureCookies: config.secureCookies, masterKey: masterKey ?? null });
  await app.listen({ port: config.port, host: config.host });
  return app;
}

/** Closes everything once on SIGINT/SIGTERM, in order, then exits. */
export function onShutdown(logger: Logger, steps: (() => Promise<unknown>)[]): void {
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        logger.error({ err: error }, 'error while shutting down');
      }
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
