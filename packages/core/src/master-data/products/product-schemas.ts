import { z } from 'zod';
import { code, pageQuery, patchSchemaOf, requiredText, text } from '../../shared/schemas.ts';

const productFields = {
  sku: code(64).describe('Stock keeping unit, unique across the catalog; fixed after creation'),
  name: requiredText(200),
  description: text(2000).nullish(),
  unit: code(20).describe('Unit of measure printed on invoice lines, such as seat, unit, GB, hour or month'),
  revenueAccountCode: code(40).describe('The revenue GL account sales of this product post to'),
  taxCategory: code(40).describe('Tax category that selects the tax code, such as standard, saas or reduced'),
  active: z.boolean().default(true),
};

/** Body of POST /v1/products. */
export const createProductSchema = z.strictObject(productFields);

// Invoices and contracts refer to the SKU; a renamed SKU is a new product.
const { sku: _sku, ...updatableFields } = productFields;
/** Body of PATCH /v1/products/:id. */
export const updateProductSchema = patchSchemaOf(updatableFields);

/** A product as the API returns it. */
export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  revenueAccountCode: z.string(),
  taxCategory: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/products. */
export const listProductsQuery = pageQuery.extend({
  taxCategory: code(40).optional(),
  revenueAccountCode: code(40).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: text(100).optional().describe('Case-insensitive match on SKU or name'),
});

export type Product = z.output<typeof productSchema>;
