import type { FastifyInstance } from 'fastify';
import type { Db } from '@invoiceops/core';

/** Routes beyond plain CRUD on master data (FX look-up, …). */
export function registerExtraRoutes(_app: FastifyInstance, _db: Db): void {}
