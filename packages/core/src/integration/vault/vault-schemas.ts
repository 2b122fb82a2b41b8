import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';

/** A secret's name: `netsuite-prod`, `erp.bc:sandbox`; letters, digits, `_ . : -`. */
export const secretName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'must be 1 to 100 letters, digits, "_", ".", ":" or "-", starting with a letter or digit');

/** Names under this prefix belong to webhook subscriptions and change only through them. */
export const MANAGED_SECRET_PREFIX = 'webhook:';

/** True for a secret that a subscription manages (its signing secret). */
export function isManagedSecretName(name: string): boolean {
  return name.startsWith(MANAGED_SECRET_PREFIX);
}

/** Refuses to change a managed secret by hand. */
export function assertNotManaged(name: string): void {
  if (isManagedSecretName(name)) {
    throw new AppError('conflict', `secret ${name} is a webhook subscription's signing secret; rotate it with POST /v1/webhooks/subscriptions/{id}/rotate-secret`);
  }
}

const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'field names are 1 to 64 letters, digits, "_", "." or "-", starting with a letter');

/**
 * The fields of a secret: names to string values. Messages never quote a value, so a
 * rejected request cannot leak one into an error or a log.
 */
export const secretFields = z
  .record(fieldName, z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(8192, 'must be at most 8192 characters'))
  .refine((fields) => Object.keys(fields).length > 0, 'name at least one field')
  .refine((fields) => Object.keys(fields).length <= 50, 'at most 50 fields');

/** `PUT /v1/integrations/secrets/{name}`: the whole secret (fields left out are removed). */
export const putSecretSchema = z.strictObject({ fields: secretFields });
export type PutSecretInput = z.output<typeof putSecretSchema>;

/** A secret as listed: never its values. */
export const secretSummarySchema = z.object({
  name: z.string(),
  fields: z.array(z.string()).describe('Field names; values are write-only'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SecretSummary = z.output<typeof secretSummarySchema>;
