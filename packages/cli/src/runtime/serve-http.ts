import { constants } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '@invoiceops/server';
import type { Db, MasterKey } from '@invoiceops/core';
import type { RuntimeConfig } from './config.ts';
import { startWatchdog, type Watchdog } from './watchdog.ts';

/** Builds the API and listens on the configured port; `masterKey` is the credential vault's (undefined: none). */
export async function serveHttp(db: Db, config: RuntimeConfig, logger: Logger, serveWebUi: boolean, masterKey?: MasterKey): Promise<FastifyInstance> {
  const app = await buildApp({ db, logger: logger.child({ component: 'api' }), serveWebUi, secureCookies: config.secureCookies, masterKey: masterKey ?? null });
  await app.listen({ port: config.port, host: config.host });
  return app;
}

/** How long a stop may take before the process exits anyway. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
/**
 * A second signal this soon after the first is the same request: one Ctrl-C under
 * `npm start` arrives twice, from the terminal and forwarded by npm.
 */
const SAME_REQUEST_MS = 1_000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * On SIGINT/SIGTERM, runs `steps` once, in order, then exits 0. Bounded: when they have not
 * finished within `timeoutMs`, one line and exit 1 (what was committed is kept), kept by a
 * watchdog thread since the main thread may be busy with the embedded database. A second
 * signal (a second later or more) ends the process at once.
 */
export function onShutdown(logger: Logger, steps: (() => Promise<unknown>)[], options: { timeoutMs?: number; watchdog?: Watchdog } = {}): void {
  const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let firstAt: number | undefined;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    logger.info({ signal, timeoutMs }, 'shutting down (a second Ctrl-C stops at once)');
    (options.watchdog ?? startWatchdog(undefined)).deadline(timeoutMs, `did not stop within ${timeoutMs / 1000} s of ${signal}; exiting anyway (committed data is kept, interrupted billing resumes later)`);
    // Then a further signal gets Node's default action, which ends the process even while the main thread is busy.
    setTimeout(() => SIGNALS.forEach((s) => process.removeListener(s, onSignal)), SAME_REQUEST_MS).unref();
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        logger.error({ err: error }, 'error while shutting down');
      }
    }
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      void shutdown(signal);
    } else if (Date.now() - firstAt >= SAME_REQUEST_MS) {
      process.stderr.write(`invoiceops: ${signal} again: stopped at once\n`);
      process.exit(128 + constants.signals[signal]);
    }
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
