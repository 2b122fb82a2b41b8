import { z } from 'zod';
import { code, idOf, pageQuery, text } from '../../shared/schemas.ts';
import { chargeParamsSchema } from '../rating/charge-schema.ts';
import { quantityString } from '../rating/rating-decimal.ts';
import { localDateSchema } from '../schedule/local-dates.ts';
import { metricCode } from '../usage/billable-metric-schemas.ts';

export const LINE_KINDS = ['recurring', 'usage', 'one_time', 'milestone'] as const;
export type ContractLineKind = (typeof LINE_KINDS)[number];

/** One priced line of a contract: a product, how it is charged, and for how many units. */
export const contractLineInput = z.strictObject({
  key: code(40).optional().describe('Stable name of the line across amendments; generated when omitted'),
  productId: idOf('prd'),
  kind: z.enum(LINE_KINDS).describe('recurring (per period), usage (rated from a metric), one_time, milestone'),
  metricCode: metricCode.optional().describe('Required for usage lines: the billable metric rated'),
  charge: chargeParamsSchema,
  quantity: quantityString.default('1').describe('Seats or units for recurring and one-time lines'),
  startDate: localDateSchema.optional().describe('Defaults to the contract start'),
});

export const createContractSchema = z.strictObject({
  customerId: idOf('cus'),
  number: code(40).describe('Contract number, unique within the legal entity'),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().describe("Defaults to the customer's billing currency"),
  startDate: localDateSchema.describe("First day of the term, in the customer's time zone"),
  termMonths: z.number().int().min(1).max(120),
  autoRenew: z.boolean().default(true),
  renewalUpliftPercent: z.string().regex(/^-?\d{1,3}(\.\d{1,4})?$/, 'must be a percentage written as a string, such as "3.5"').default('0'),
  billingFrequency: z.enum(['monthly', 'quarterly', 'annual']),
  billingTiming: z.enum(['in_advance', 'in_arrears']).default('in_advance'),
  alignment: z.enum(['calendar', 'anniversary', 'bill_day']).default('anniversary'),
  billDay: z.number().int().min(1).max(28).optional(),
  poNumber: text(60).nullish(),
  billedThrough: localDateSchema
    .nullish()
    .describe('A contract migrated from another billing system: service before this date was billed there, so billing starts here (usage of an in-advance period ending on it is still billed)'),
  lines: z.array(contractLineInput).min(1).max(200),
});

const lineKey = code(40);

/** Amendments, one kind at a time, effective on a date in the customer's time zone. */
export const amendContractSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('change_quantity'), effectiveDate: localDateSchema, reason: text(500).optional(), lineKey, quantity: quantityString }),
  z.strictObject({ kind: z.literal('change_price'), effectiveDate: localDateSchema, reason: text(500).optional(), lineKey, charge: chargeParamsSchema }),
  z.strictObject({
    kind: z.literal('change_plan'),
    effectiveDate: localDateSchema,
    reason: text(500).optional(),
    removeLineKeys: z.array(lineKey).min(1).max(200),
    addLines: z.array(contractLineInput.omit({ startDate: true })).min(1).max(200),
  }),
  z.strictObject({ kind: z.literal('add_line'), effectiveDate: localDateSchema, reason: text(500).optional(), line: contractLineInput.omit({ startDate: true }) }),
  z.strictObject({ kind: z.literal('remove_line'), effectiveDate: localDateSchema, reason: text(500).optional(), lineKey }),
  z.strictObject({ kind: z.literal('cancel'), effectiveDate: localDateSchema, reason: text(500).min(1, 'a reason is required to cancel') }),
], { error: () => 'kind must be change_quantity, change_price, change_plan, add_line, remove_line or cancel' });

export const contractLineSchema = z.object({
  id: z.string(),
  key: z.string(),
  productId: z.string(),
  kind: z.enum(LINE_KINDS),
  metricCode: z.string().nullable(),
  charge: z.record(z.string(), z.unknown()),
  quantity: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  amendmentId: z.string().nullable(),
});

export const contractSchema = z.object({
  id: z.string(),
  entityId: z.string(),
  customerId: z.string(),
  number: z.string(),
  currency: z.string(),
  status: z.enum(['active', 'cancelled', 'ended', 'renewed']),
  startDate: z.string(),
  endDate: z.string().describe('First day after the term (exclusive)'),
  termMonths: z.number().int(),
  autoRenew: z.boolean(),
  renewalUpliftPercent: z.string(),
  billingFrequency: z.string(),
  billingTiming: z.string(),
  alignment: z.string(),
  billDay: z.number().int().nullable(),
  poNumber: z.string().nullable(),
  billedThrough: z.string().nullable(),
  cancelledOn: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  renewedFromId: z.string().nullable(),
  lines: z.array(contractLineSchema).describe('Every line version, oldest first; a version applies over [startDate, endDate)'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listContractsQuery = pageQuery.extend({
  customerId: idOf('cus').optional(),
  entityId: idOf('ent').optional(),
  status: z.enum(['active', 'cancelled', 'ended', 'renewed']).optional(),
});

export type ContractLineInput = z.output<typeof contractLineInput>;
export type CreateContractInput = z.output<typeof createContractSchema>;
export type AmendContractInput = z.output<typeof amendContractSchema>;
export type Contract = z.output<typeof contractSchema>;
export type ContractLine = z.output<typeof contractLineSchema>;
