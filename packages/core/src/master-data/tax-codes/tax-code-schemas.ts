import { z } from 'zod';
import { code, isoDate, pageQuery, patchSchemaOf, requiredText, text } from '../../shared/schemas.ts';

/**
 * VAT category codes of EN 16931 (UNCL5305 subset): S standard rate, Z zero rated,
 * E exempt, AE reverse charge, K intra-community supply, G export outside the EU,
 * O outside the scope of VAT, L Canary Islands IGIC, M Ceuta and Melilla IPSI.
 */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/**
 * A tax rate in percent as a decimal string ("19", "8.875", "0"): 0 ≤ rate < 100 with at
 * most 6 decimals (the column is numeric(9, 6)). A JSON number is refused, because a
 * float cannot hold most rates exactly.
 */
export const taxRatePercent = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, 'must be a percentage written as a string with at most 6 decimals, such as "19" or "8.875"')
  .refine((v) => BigInt(v.split('.')[0]!) < 100n, 'must be less than 100 (it is a percentage)');

const taxCodeFields = {
  code: code(40).describe('Such as DE-VAT-STD; one code may have several validity periods'),
  jurisdictionCode: code(40).describe('The tax jurisdiction; fixed after creation'),
  name: requiredText(200),
  rate: taxRatePercent,
  vatCategory: z.enum(VAT_CATEGORIES),
  taxCategory: code(40).describe('Matched against the product tax category, such as standard or saas'),
  validFrom: isoDate.describe('First day the rate applies'),
  validTo: isoDate.nullish().describe('First day the rate no longer applies (exclusive); empty while open-ended'),
};

/** Body of POST /v1/tax-codes. */
export const createTaxCodeSchema = z.strictObject(taxCodeFields);

const { code: _code, jurisdictionCode: _jurisdiction, ...updatableFields } = taxCodeFields;
/** Body of PATCH /v1/tax-codes/:id: closing a period means setting validTo. */
export const updateTaxCodeSchema = patchSchemaOf(updatableFields);

/** A tax code period as the API returns it; `rate` has 6 decimals, such as "19.000000". */
export const taxCodeSchema = z.object({
  id: z.string(),
  code: z.string(),
  jurisdictionCode: z.string(),
  name: z.string(),
  rate: z.string(),
  vatCategory: z.enum(VAT_CATEGORIES),
  taxCategory: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/tax-codes. */
export const listTaxCodesQuery = pageQuery.extend({
  code: code(40).optional(),
  jurisdictionCode: code(40).optional(),
  vatCategory: z.enum(VAT_CATEGORIES).optional(),
  taxCategory: code(40).optional(),
  validOn: isoDate.optional().describe('Only periods in force on this day'),
  q: text(100).optional().describe('Case-insensitive match on code or name'),
});

export type TaxCode = z.output<typeof taxCodeSchema>;
