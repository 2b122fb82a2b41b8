export * from './app.ts';
export { routeCatalog, type RouteEntry } from './auth/authenticate-request.ts';
export type { RoutePermission } from './auth/route-permission.ts';
