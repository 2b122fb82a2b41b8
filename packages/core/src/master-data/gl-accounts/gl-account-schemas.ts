import { z } from 'zod';
import { code, pageQuery, patchSchemaOf, requiredText, text } from '../../shared/schemas.ts';

/** The five account classes of a chart of accounts. */
export const GL_ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export const glAccountType = z.enum(GL_ACCOUNT_TYPES);

const glAccountFields = {
  code: code(40).describe('Account number as in the ERP, such as 4000 or 6100.10; fixed after creation'),
  name: requiredText(200),
  type: glAccountType.describe('Fixed after creation: reclassifying an account would change posted history'),
  active: z.boolean().default(true),
};

/** Body of POST /v1/gl-accounts. */
export const createGlAccountSchema = z.strictObject(glAccountFields);

// Code and type are what postings and other master data refer to, so they never change.
const { code: _code, type: _type, ...updatableFields } = glAccountFields;
/** Body of PATCH /v1/gl-accounts/:id: name and active only. */
export const updateGlAccountSchema = patchSchemaOf(updatableFields);

/** A GL account as the API returns it. */
export const glAccountSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: glAccountType,
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/gl-accounts. */
export const listGlAccountsQuery = pageQuery.extend({
  type: glAccountType.optional(),
  active: z.enum(['true', 'false']).optional(),
  q: text(100).optional().describe('Case-insensitive match on code or name'),
});

export type GlAccount = z.output<typeof glAccountSchema>;
