import type { FastifyInstance } from 'fastify';
import type { Db } from '@invoiceops/core';
import { buildApp } from '../src/app.ts';

/** The real app on a test database, with logs off and non-Secure cookies (plain HTTP in tests). */
export function buildTestApp(db: Db): Promise<FastifyInstance> {
  return buildApp({ db, secureCookies: false, serveWebUi: true });
}
