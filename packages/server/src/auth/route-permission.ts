import type { Permission, Principal } from '@invoiceops/core';

/**
 * What a route requires: a permission from the role matrix, any signed-in caller
 * (`authenticated`), or nothing (`public`: health, docs, sign-in).
 */
export type RoutePermission = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Routes that plugins register (API reference assets) and that are public by nature. */
export const PUBLIC_PREFIXES = ['/docs'];
