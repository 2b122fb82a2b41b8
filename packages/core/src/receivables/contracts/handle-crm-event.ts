import { z } from 'zod';
import { ALL_ENTITIES } from '../../access/principal.ts';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { code, text } from '../../shared/schemas.ts';
import { amendContract } from './amend-contract.ts';
import { completeMilestone, completeMilestoneSchema } from './complete-milestone.ts';
import { amendContractSchema, createContractSchema } from './contract-schemas.ts';
import { createContract } from './create-contract.ts';

/** CRM lines name products by SKU (the CRM does not know our ids). */
const crmLine = z.looseObject({ productSku: code(64).optional(), productId: z.string().optional() });

/**
 * Events from a CRM/CPQ (Salesforce, HubSpot, …) through `POST /v1/webhooks/crm`, in
 * invoiceops' documented shape. The opportunity id is the contract's external id (system
 * `crm`); the customer is found by its `crm` external id.
 */
export const crmEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('opportunity.closed_won'),
    data: z.strictObject({
      opportunityId: text(100),
      customerExternalId: text(100),
      contract: z.looseObject({ lines: z.array(crmLine).min(1).max(200) }),
    }),
  }),
  z.strictObject({ type: z.literal('contract.amended'), data: z.strictObject({ opportunityId: text(100), amendment: z.looseObject({}) }) }),
  z.strictObject({ type: z.literal('milestone.completed'), data: z.strictObject({ opportunityId: text(100), milestone: completeMilestoneSchema }) }),
], { error: () => 'type must be opportunity.closed_won, contract.amended or milestone.completed' });

export type CrmEvent = z.output<typeof crmEventSchema>;

async function resolveSkus(trx: Trx, lines: Record<string, unknown>[], path: string): Promise<Record<string, unknown>[]> {
  const skus = [...new Set(lines.flatMap((l) => (typeof l.productSku === 'string' ? [l.productSku] : [])))];
  const products = skus.length ? await trx.selectFrom('products').select(['id', 'sku']).where('sku', 'in', skus).execute() : [];
  return lines.map((line, i) => {
    const { productSku, ...rest } = line;
    if (productSku === undefined) return rest;
    const product = products.find((p) => p.sku === productSku);
    if (!product) throw AppError.invalid(`${path}/${i}/productSku`, `no product with SKU ${String(productSku)}`);
    return { ...rest, productId: product.id };
  });
}

async function contractOf(trx: Trx, opportunityId: string): Promise<string> {
  const mapping = await trx.selectFrom('externalIds').select('objectId').where('system', '=', 'crm').where('objectType', '=', 'contract').where('externalId', '=', opportunityId).executeTakeFirst();
  if (!mapping) throw AppError.invalid('/data/opportunityId', `no contract was created from opportunity ${opportunityId}`);
  return mapping.objectId;
}

/**
 * Applies one CRM event exactly once (the webhook id is recorded with its effects in one
 * transaction; a redelivery is answered `duplicate` and changes nothing). Closed-won
 * creates the contract and maps the opportunity to it; amendments and milestones act on
 * that contract.
 */
export async function handleCrmEvent(db: Db, ctx: ActorContext, webhookId: string, body: unknown): Promise<{ outcome: 'processed' | 'duplicate'; contractId: string }> {
  const parsed = crmEventSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw AppError.invalid(`/${issue.path.join('/')}`, issue.message);
  }
  const event = parsed.data;
  return inTransaction(db, async (trx) => {
    const seen = await trx.selectFrom('webhookEvents').select('detail').where('source', '=', 'crm').where('eventId', '=', webhookId).executeTakeFirst();
    if (seen) return { outcome: 'duplicate' as const, contractId: seen.detail ?? '' };
    let contractId: string;
    if (event.type === 'opportunity.closed_won') {
      const customer = await trx.selectFrom('externalIds').select('objectId').where('system', '=', 'crm').where('objectType', '=', 'customer').where('externalId', '=', event.data.customerExternalId).executeTakeFirst();
      if (!customer) throw AppError.invalid('/data/customerExternalId', `no customer has the crm id ${event.data.customerExternalId}`);
      const lines = await resolveSkus(trx, event.data.contract.lines, '/data/contract/lines');
      const input = createContractSchema.safeParse({ ...event.data.contract, lines, customerId: customer.objectId });
      if (!input.success) throw AppError.invalid(`/data/contract/${input.error.issues[0]!.path.join('/')}`, input.error.issues[0]!.message);
      contractId = (await createContract(trx, ctx, input.data, ALL_ENTITIES)).id;
      await trx.insertInto('externalIds').values({ id: newId(ID_PREFIX.externalId), system: 'crm', objectType: 'contract', externalId: event.data.opportunityId, objectId: contractId }).execute();
    } else if (event.type === 'contract.amended') {
      contractId = await contractOf(trx, event.data.opportunityId);
      const amendment = { ...event.data.amendment } as Record<string, unknown>;
      if (Array.isArray(amendment.addLines)) amendment.addLines = await resolveSkus(trx, amendment.addLines as Record<string, unknown>[], '/data/amendment/addLines');
      if (amendment.line && typeof amendment.line === 'object') amendment.line = (await resolveSkus(trx, [amendment.line as Record<string, unknown>], '/data/amendment/line'))[0];
      const input = amendContractSchema.safeParse(amendment);
      if (!input.success) throw AppError.invalid(`/data/amendment/${input.error.issues[0]!.path.join('/')}`, input.error.issues[0]!.message);
      await amendContract(trx, ctx, contractId, input.data, ALL_ENTITIES);
    } else {
      contractId = await contractOf(trx, event.data.opportunityId);
      await completeMilestone(trx, ctx, contractId, event.data.milestone, ALL_ENTITIES);
    }
    await trx.insertInto('webhookEvents').values({ source: 'crm', eventId: webhookId, eventType: event.type, outcome: 'processed', detail: contractId }).execute();
    return { outcome: 'processed' as const, contractId };
  });
}
