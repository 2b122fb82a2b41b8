import { z } from 'zod';
import { TAX_ID_TYPES } from '../../reference-data/tax-ids.ts';
import {
  code,
  contact,
  currencyCode,
  idOf,
  pageQuery,
  patchSchemaOf,
  paymentTermsDays,
  postalAddress,
  requiredText,
  text,
  timeZone,
} from '../../shared/schemas.ts';

export const customerSegment = z.enum(['enterprise', 'mid_market', 'smb', 'public_sector', 'partner']);

const customerFields = {
  entityId: idOf('ent').describe('The legal entity that bills this customer'),
  number: code(40).describe('Customer number, unique within the entity'),
  name: requiredText(200),
  billingCurrency: currencyCode,
  taxId: text(40).nullish().describe('VAT/GST/EIN number; validated with the checksum of its type'),
  taxIdType: z.enum(TAX_ID_TYPES).nullish().describe('Defaults from the billing address country'),
  taxExempt: z.boolean().default(false),
  exemptionCertificateRef: text(100).nullish().describe('Required when taxExempt is true'),
  poRequired: z.boolean().default(false).describe('Invoices need a purchase order number'),
  paymentTermsDays: paymentTermsDays.default(30),
  billingAddress: postalAddress,
  contacts: z.array(contact).max(20).default([]),
  timeZone: timeZone.describe('Billing periods are computed in this time zone'),
  segment: customerSegment.default('smb'),
  active: z.boolean().default(true),
};

export const createCustomerSchema = z.strictObject(customerFields);

/** Everything but the entity may change; a customer moves entity by a new record. */
/** Everything but the entity may change; a customer moves entity by a new record. */
const { entityId: _entityId, ...updatableFields } = customerFields;
export const updateCustomerSchema = patchSchemaOf(updatableFields);

export const customerSchema = z.object({
  id: z.string(),
  entityId: z.string(),
  number: z.string(),
  name: z.string(),
  billingCurrency: z.string(),
  taxId: z.string().nullable(),
  taxIdType: z.string().nullable(),
  taxExempt: z.boolean(),
  exemptionCertificateRef: z.string().nullable(),
  poRequired: z.boolean(),
  paymentTermsDays: z.number().int(),
  billingAddress: postalAddress,
  contacts: z.array(contact),
  timeZone: z.string(),
  segment: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listCustomersQuery = pageQuery.extend({
  entityId: idOf('ent').optional(),
  segment: customerSegment.optional(),
  active: z.enum(['true', 'false']).optional(),
  q: text(100).optional().describe('Case-insensitive match on name or number'),
  ids: z
    .string()
    .regex(/^cus_[0-9A-Z]{26}(,cus_[0-9A-Z]{26}){0,99}$/, 'must be up to 100 customer ids separated by commas')
    .optional()
    .describe('Only these customers (comma-separated ids), e.g. to name the customers of a page of contracts'),
});

export type CreateCustomerInput = z.output<typeof createCustomerSchema>;
export type Customer = z.output<typeof customerSchema>;
