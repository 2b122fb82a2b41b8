import { z } from 'zod';
import { ROLES } from '../access/roles.ts';
import { currencyCode, email, idOf, pageQuery, requiredText, text } from '../shared/schemas.ts';

export const grantInput = z.strictObject({
  role: z.enum(ROLES),
  entityId: idOf('ent').nullable().describe('null grants the role for every entity'),
});

export const approvalLimitInput = z.strictObject({
  currency: currencyCode,
  amount: z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'must be a non-negative decimal amount written as a string, such as "25000.00"'),
});

export const createUserSchema = z.strictObject({
  email,
  name: requiredText(200),
  password: text(200).optional().describe('At least 10 characters; omit for machine users'),
  kind: z.enum(['human', 'machine']).default('human'),
  grants: z.array(grantInput).max(100).default([]),
  approvalLimits: z.array(approvalLimitInput).max(50).default([]),
});

export const updateUserSchema = z.strictObject({
  name: requiredText(200).optional(),
  password: text(200).optional(),
  active: z.boolean().optional(),
  grants: z.array(grantInput).max(100).optional().describe('Replaces all grants'),
  approvalLimits: z.array(approvalLimitInput).max(50).optional().describe('Replaces all limits'),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  kind: z.enum(['human', 'machine']),
  active: z.boolean(),
  grants: z.array(z.object({ role: z.string(), entityId: z.string().nullable() })),
  approvalLimits: z.array(z.object({ currency: z.string(), amount: z.string() })),
  conflicts: z.array(z.string()).describe('Segregation-of-duties conflicts among the roles held'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listUsersQuery = pageQuery.extend({
  role: z.enum(ROLES).optional(),
  q: text(100).optional(),
});

export const issueApiKeySchema = z.strictObject({
  userId: idOf('usr').describe('The machine (or human) user the key acts for'),
  name: requiredText(100),
  roles: z.array(z.enum(ROLES)).min(1).max(7),
  entityIds: z.array(idOf('ent')).max(100).nullable().default(null).describe('null: every entity'),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const apiKeySchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  roles: z.array(z.string()),
  entityIds: z.array(z.string()).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export type CreateUserInput = z.output<typeof createUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
export type User = z.output<typeof userSchema>;
export type IssueApiKeyInput = z.output<typeof issueApiKeySchema>;
export type ApiKey = z.output<typeof apiKeySchema>;
