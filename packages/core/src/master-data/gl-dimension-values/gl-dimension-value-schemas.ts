import { z } from 'zod';
import { code, idOf, pageQuery, patchSchemaOf, requiredText, text } from '../../shared/schemas.ts';
import { dimensionCode } from '../gl-dimensions/gl-dimension-schemas.ts';

const glDimensionValueFields = {
  dimensionCode: dimensionCode.describe('The dimension this value belongs to; fixed after creation'),
  code: code(40).describe('Unique within the dimension, such as CC-100; fixed after creation'),
  name: requiredText(200),
  ownerUserId: idOf('usr').nullish().describe('Who answers for this value (budget owner); approvals may route to them'),
  active: z.boolean().default(true),
};

/** Body of POST /v1/gl-dimension-values. */
export const createGlDimensionValueSchema = z.strictObject(glDimensionValueFields);

// Coding on documents and supplier defaults stores (dimension, code) pairs, so both stay.
const { dimensionCode: _dimension, code: _code, ...updatableFields } = glDimensionValueFields;
/** Body of PATCH /v1/gl-dimension-values/:id. */
export const updateGlDimensionValueSchema = patchSchemaOf(updatableFields);

/** A GL dimension value as the API returns it. */
export const glDimensionValueSchema = z.object({
  id: z.string(),
  dimensionCode: z.string(),
  code: z.string(),
  name: z.string(),
  ownerUserId: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/gl-dimension-values. */
export const listGlDimensionValuesQuery = pageQuery.extend({
  dimensionCode: dimensionCode.optional(),
  ownerUserId: idOf('usr').optional(),
  active: z.enum(['true', 'false']).optional(),
  q: text(100).optional().describe('Case-insensitive match on code or name'),
});

export type GlDimensionValue = z.output<typeof glDimensionValueSchema>;
