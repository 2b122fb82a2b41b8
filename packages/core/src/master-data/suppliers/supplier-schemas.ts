import { z } from 'zod';
import { TAX_ID_TYPES } from '../../reference-data/tax-ids.ts';
import {
  code,
  countryCode,
  idOf,
  pageQuery,
  patchSchemaOf,
  paymentTermsDays,
  requiredText,
  text,
} from '../../shared/schemas.ts';
import { dimensionCode } from '../gl-dimensions/gl-dimension-schemas.ts';

/** Where a supplier is paid. IBAN and BIC are checked offline and normalized on save. */
export const bankAccount = z.strictObject({
  iban: requiredText(50).describe('Spaces and dashes are removed, letters upper-cased'),
  bic: requiredText(20).describe('8 or 11 characters; its country must match the IBAN'),
  accountName: requiredText(140).describe('Account holder as the bank knows it'),
});

/** How a bill from this supplier is coded unless a person or rule decides otherwise. */
export const defaultCoding = z.strictObject({
  glAccountCode: code(40).describe('An expense or asset account'),
  taxCode: code(40).nullish(),
  dimensions: z
    .record(dimensionCode, code(40))
    .optional()
    .describe('Dimension code → value code, such as {"cost_center": "CC-100"}'),
});

const supplierFields = {
  entityIds: z.array(idOf('ent')).min(1, 'must name at least one legal entity').max(100).describe('The entities this supplier serves'),
  number: code(40).describe('Supplier number, unique across entities'),
  name: requiredText(200),
  country: countryCode.describe('Country of the supplier; decides the default tax id type'),
  taxId: text(40).nullish().describe('VAT/GST/EIN number; validated with the checksum of its type'),
  taxIdType: z.enum(TAX_ID_TYPES).nullish().describe('Defaults from the country'),
  bankAccount: bankAccount.nullish(),
  paymentTermsDays: paymentTermsDays.default(30),
  defaultCoding: defaultCoding.nullish(),
  active: z.boolean().default(true),
};

/** Body of POST /v1/suppliers. */
export const createSupplierSchema = z.strictObject(supplierFields);

/** Body of PATCH /v1/suppliers/:id; `entityIds` is replaced as a whole when sent. */
export const updateSupplierSchema = patchSchemaOf(supplierFields);

/** A supplier as the API returns it. */
export const supplierSchema = z.object({
  id: z.string(),
  entityIds: z.array(z.string()),
  number: z.string(),
  name: z.string(),
  country: z.string(),
  taxId: z.string().nullable(),
  taxIdType: z.string().nullable(),
  bankAccount: bankAccount.nullable(),
  paymentTermsDays: z.number().int(),
  defaultCoding: defaultCoding.nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/suppliers. */
export const listSuppliersQuery = pageQuery.extend({
  entityId: idOf('ent').optional().describe('Only suppliers serving this entity'),
  country: countryCode.optional(),
  active: z.enum(['true', 'false']).optional(),
  q: text(100).optional().describe('Case-insensitive match on name or number'),
});

export type Supplier = z.output<typeof supplierSchema>;
