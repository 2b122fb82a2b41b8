import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  contractAmendmentSchema,
  contractScheduleQuery,
  contractScheduleSchema,
  entityScopeFor,
  getContractSchedule,
  listContractAmendments,
  type Db,
} from '@invoiceops/core';
import { principalOfRequest } from '../../auth/authenticate-request.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const tags = ['contracts'];

/** A contract's coming billing schedule and its amendment history (reads, `contracts:read`). */
export function registerContractScheduleRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (request: Parameters<typeof principalOfRequest>[0]) => entityScopeFor(principalOfRequest(request), 'contracts:read');

  r.get('/v1/contracts/:id/schedule', {
    config: { permission: 'contracts:read' },
    schema: {
      tags,
      summary: "The contract's billing schedule from today",
      description:
        'Per line, the next billing periods the coming bill runs will bill: service dates, the bill run (month) and the amount, as the bill run would plan them ' +
        '(amendments show as proration credits and charges). Usage lines are billed in arrears per usage and carry no amount; minimum commitments are trued up in arrears.',
      params: idParams,
      querystring: contractScheduleQuery,
      response: { 200: contractScheduleSchema },
    },
  }, async (request) => getContractSchedule(db, request.params.id, request.query, scope(request)));

  r.get('/v1/contracts/:id/amendments', {
    config: { permission: 'contracts:read' },
    schema: {
      tags,
      summary: "The contract's amendments, oldest first, with who made them",
      description: 'The line versions an amendment created carry its id as `amendmentId` (see GET /v1/contracts/{id}).',
      params: idParams,
      response: { 200: z.object({ data: z.array(contractAmendmentSchema) }) },
    },
  }, async (request) => ({ data: await listContractAmendments(db, request.params.id, scope(request)) }));
}
