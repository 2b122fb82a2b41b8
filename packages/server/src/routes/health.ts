import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '@invoiceops/core';
import { sendProblem } from '../plugins/problem.ts';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
export function registerHealthRoutes(app: FastifyInstance, db: Db): void {
  const status = z.object({ status: z.string(), database: z.string().optional() });
  app.get('/healthz', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: status } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: status } } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      return { status: 'ready', database: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'database not ready');
      return sendProblem(request, reply, 503, 'not_ready', 'the database does not answer');
    }
  });
}
