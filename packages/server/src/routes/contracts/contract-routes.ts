import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  amendContract,
  amendContractSchema,
  completeMilestone,
  completeMilestoneSchema,
  contractSchema,
  createContract,
  createContractSchema,
  entityScopeFor,
  getContract,
  listContracts,
  listContractsQuery,
  renewContract,
  scopeIncludes,
  type Db,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const tags = ['contracts'];

/** Contracts: create, read, amend (with proration from the effective date), renew, milestones. */
export function registerContractRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (request: Parameters<typeof principalOfRequest>[0], permission: 'contracts:read' | 'contracts:write') =>
    entityScopeFor(principalOfRequest(request), permission);

  r.get('/v1/contracts', {
    config: { permission: 'contracts:read' },
    schema: { tags, summary: 'List contracts', querystring: listContractsQuery, response: { 200: z.object({ data: z.array(contractSchema), nextCursor: z.string().nullable() }) } },
  }, async (request) => listContracts(db, request.query, scope(request, 'contracts:read')));

  r.get('/v1/contracts/:id', {
    config: { permission: 'contracts:read' },
    schema: { tags, summary: 'Get a contract with every line version', params: idParams, response: { 200: contractSchema } },
  }, async (request) => {
    const contract = await getContract(db, request.params.id);
    if (!scopeIncludes(scope(request, 'contracts:read'), contract.entityId)) throw new AppError('forbidden', 'you are not allowed to read contracts of this legal entity');
    return contract;
  });

  r.post('/v1/contracts', {
    config: { permission: 'contracts:write' },
    schema: {
      tags,
      summary: 'Create a contract',
      description: 'Dates are calendar dates in the customer\'s time zone; the term ends termMonths after startDate (exclusive). Prices are decimal strings in major units.',
      body: createContractSchema,
      response: { 201: contractSchema },
    },
  }, async (request, reply) => {
    const contract = await createContract(db, actorOf(request), request.body, scope(request, 'contracts:write'));
    reply.code(201).header('location', `/v1/contracts/${contract.id}`);
    return contract;
  });

  r.post('/v1/contracts/:id/amendments', {
    config: { permission: 'contracts:write' },
    schema: {
      tags,
      summary: 'Amend a contract from an effective date',
      description: 'change_quantity, change_price, change_plan, add_line, remove_line or cancel. The line version in force ends on the effective date and its successor starts there; the bill run prorates by day.',
      params: idParams,
      body: amendContractSchema,
      response: { 200: contractSchema },
    },
  }, async (request) => amendContract(db, actorOf(request), request.params.id, request.body, scope(request, 'contracts:write')));

  r.post('/v1/contracts/:id/renew', {
    config: { permission: 'contracts:write' },
    schema: { tags, summary: 'Renew into the next term (prices raised by the renewal uplift); idempotent', params: idParams, response: { 200: contractSchema } },
  }, async (request) => renewContract(db, actorOf(request), request.params.id, scope(request, 'contracts:write')));

  r.post('/v1/contracts/:id/milestones', {
    config: { permission: 'contracts:write' },
    schema: {
      tags,
      summary: 'Record a completed milestone (billed on the next bill run)',
      params: idParams,
      body: completeMilestoneSchema,
      response: { 200: z.object({ contractId: z.string(), lineKey: z.string(), milestoneKey: z.string(), completedOn: z.string(), created: z.boolean() }) },
    },
  }, async (request) => completeMilestone(db, actorOf(request), request.params.id, request.body, scope(request, 'contracts:write')));
}
