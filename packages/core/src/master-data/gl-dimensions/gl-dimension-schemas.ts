import { z } from 'zod';
import { pageQuery, patchSchemaOf, requiredText, text } from '../../shared/schemas.ts';

/** Documents whose lines carry GL coding, and so may require a dimension. */
export const CODED_DOCUMENT_TYPES = ['invoice', 'credit_memo', 'vendor_bill'] as const;

/**
 * A dimension code: lower-case snake case, such as `department`, `cost_center`,
 * `product_line` or `region`. Any new code may be configured; it is the key used in
 * default coding and on document lines, so it is kept machine-friendly.
 */
export const dimensionCode = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and "_", starting with a letter, such as cost_center');

const glDimensionFields = {
  code: dimensionCode.describe('Fixed after creation: values and coding refer to it'),
  name: requiredText(100),
  requiredFor: z
    .array(z.enum(CODED_DOCUMENT_TYPES))
    .max(CODED_DOCUMENT_TYPES.length)
    .refine((types) => new Set(types).size === types.length, 'must not list a document type twice')
    .default([])
    .describe('Document types whose lines must carry a value of this dimension'),
  active: z.boolean().default(true),
};

/** Body of POST /v1/gl-dimensions. */
export const createGlDimensionSchema = z.strictObject(glDimensionFields);

const { code: _code, ...updatableFields } = glDimensionFields;
/** Body of PATCH /v1/gl-dimensions/:id. */
export const updateGlDimensionSchema = patchSchemaOf(updatableFields);

/** A GL dimension as the API returns it. */
export const glDimensionSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  requiredFor: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/gl-dimensions. */
export const listGlDimensionsQuery = pageQuery.extend({
  requiredFor: z.enum(CODED_DOCUMENT_TYPES).optional().describe('Only dimensions required on this document type'),
  active: z.enum(['true', 'false']).optional(),
  q: text(100).optional().describe('Case-insensitive match on code or name'),
});

export type GlDimension = z.output<typeof glDimensionSchema>;
