import { databaseConfigFromEnv, type DatabaseConfig } from '@invoiceops/core';

/** Everything the processes read from the environment, checked once at start. */
export interface RuntimeConfig {
  database: DatabaseConfig;
  port: number;
  host: string;
  logLevel: string;
  secureCookies: boolean;
  publicUrl: string;
}

export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST ?? '127.0.0.1';
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);
  }
  return {
    database: databaseConfigFromEnv(env),
    port,
    host,
    logLevel,
    secureCookies: env.INVOICEOPS_SECURE_COOKIES !== 'false',
    publicUrl: env.INVOICEOPS_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
  };
}
