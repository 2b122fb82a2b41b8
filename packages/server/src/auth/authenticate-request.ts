import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AppError,
  authenticateApiKey,
  authenticateSession,
  hasPermission,
  type Db,
  type Principal,
} from '@invoiceops/core';
import { PUBLIC_PREFIXES, type RoutePermission } from './route-permission.ts';

export const SESSION_COOKIE = 'invoiceops_session';

/** One registered route and the permission it declared. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: RoutePermission;
}

const ROUTE_CATALOG = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route registered on `app` with its permission (for the authorization matrix). */
export function routeCatalog(app: FastifyInstance): RouteEntry[] {
  return ROUTE_CATALOG.get(app) ?? [];
}

/** The caller behind a request: an API key (Bearer) wins over a session cookie. */
async function principalOf(db: Db, request: FastifyRequest): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthenticated', 'the Authorization header must be "Bearer <API key>"');
    return authenticateApiKey(db, match[1]!);
  }
  const session = request.cookies[SESSION_COOKIE];
  if (session) return authenticateSession(db, session);
  return undefined;
}

/**
 * Enforces every route's declared permission before the body is read: 401 without valid
 * credentials, 403 when the caller's roles do not include the permission. Entity scope
 * is checked again by the use case against the object it touches.
 */
export function registerAuthentication(app: FastifyInstance, db: Db): void {
  const catalog: RouteEntry[] = [];
  ROUTE_CATALOG.set(app, catalog);
  app.addHook('onRoute', (route) => {
    route.config = route.config ?? {};
    const config = route.config as { permission?: RoutePermission };
    if (!config.permission && PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      config.permission = 'public';
    }
    if (!config.permission) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    }
    for (const method of [route.method].flat()) catalog.push({ method: String(method), url: route.url, permission: config.permission });
  });

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (!permission || permission === 'public') return;
    const principal = await principalOf(db, request);
    if (!principal) throw new AppError('unauthenticated', 'sign in or send an API key (Authorization: Bearer iok_…)');
    request.principal = principal;
    if (permission !== 'authenticated' && !hasPermission(principal, permission)) {
      throw new AppError('forbidden', `your roles do not include ${permission}`);
    }
  });
}

/** The principal of an authenticated route (set by the onRequest hook). */
export function principalOfRequest(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'not signed in');
  return request.principal;
}

/** The actor context for use cases. */
export function actorOf(request: FastifyRequest): { actor: string; requestId: string } {
  return { actor: principalOfRequest(request).actor, requestId: request.id };
}
