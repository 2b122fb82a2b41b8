import { SYSTEM_CONTEXT, createUser, issueApiKey, type Db, type Role } from '@invoiceops/core';
import { unique } from './factories.ts';

/**
 * A machine user with an API key holding `roles` (for every entity, or only `entityIds`).
 * Returns the bearer token; API keys skip the deliberately slow password hash.
 */
export async function apiKeyFor(db: Db, roles: Role[], entityIds: string[] | null = null): Promise<{ token: string; userId: string; keyId: string }> {
  const user = await createUser(db, SYSTEM_CONTEXT, {
    email: `${unique('m')}@test.invoiceops.dev`.toLowerCase(),
    name: `Test ${roles.join('+')}`,
    kind: 'machine',
    grants: roles.map((role) => ({ role, entityId: null })),
    approvalLimits: [],
  });
  const { apiKey, secret } = await issueApiKey(db, SYSTEM_CONTEXT, { userId: user.id, name: `test ${roles.join('+')}`, roles, entityIds, expiresAt: null });
  return { token: secret, userId: user.id, keyId: apiKey.id };
}

/** Authorization header for a token. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
