import { z } from 'zod';
import { pageQuery, patchSchemaOf, text } from '../../shared/schemas.ts';

/**
 * Canonical object types an external system may refer to. The first group has tables
 * today; the documents come later and are accepted already, so connectors can be
 * configured before those features ship.
 */
export const EXTERNAL_OBJECT_TYPES = [
  'legal_entity',
  'customer',
  'supplier',
  'product',
  'gl_account',
  'gl_dimension_value',
  'tax_code',
  'invoice',
  'credit_memo',
  'vendor_bill',
  'payment',
  'contract',
  'subscription',
] as const;
export type ExternalObjectType = (typeof EXTERNAL_OBJECT_TYPES)[number];
export const externalObjectType = z.enum(EXTERNAL_OBJECT_TYPES);

/** A system name: lower case, optionally qualified by a product, such as `crm` or `erp:netsuite`. */
export const externalSystem = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_-]*(:[a-z0-9_-]+)?$/, 'must be a lower-case system name such as crm, billing or erp:netsuite');

/** The other system's id, verbatim (case matters), without surrounding spaces. */
const externalIdValue = text(255)
  .min(1, 'must not be empty')
  .refine((v) => v.trim() === v, 'must not start or end with spaces');

const objectId = text(100).min(1, 'must not be empty').describe('The invoiceops id, such as cus_01J…');

const externalIdFields = {
  system: externalSystem,
  objectType: externalObjectType,
  externalId: externalIdValue,
  objectId,
};

/** Body of POST /v1/external-ids. */
export const createExternalIdSchema = z.strictObject(externalIdFields);

// A mapping is corrected by re-pointing it; moving it to another system or type would
// make it a different mapping altogether.
/** Body of PATCH /v1/external-ids/:id. */
export const updateExternalIdSchema = patchSchemaOf({ externalId: externalIdValue, objectId });

/** An external id mapping as the API returns it. */
export const externalIdSchema = z.object({
  id: z.string(),
  system: z.string(),
  objectType: externalObjectType,
  externalId: z.string(),
  objectId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/external-ids. */
export const listExternalIdsQuery = pageQuery.extend({
  system: externalSystem.optional(),
  objectType: externalObjectType.optional(),
  externalId: externalIdValue.optional(),
  objectId: objectId.optional(),
});

export type ExternalIdMapping = z.output<typeof externalIdSchema>;
