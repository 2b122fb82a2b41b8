import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The Vite build of packages/web (`npm run build:web`; `npm install` and `npm start` make
 * it), found from this module's place: packages/server/src/routes in the sources,
 * packages/cli/dist in the command line's bundle.
 */
export const WEB_BUILD_DIR = ['../../../web/dist', '../../web/dist']
  .map((relativePath) => join(dirname(fileURLToPath(import.meta.url)), relativePath))
  .find((dir) => existsSync(join(dir, '..', 'vite.config.ts'))) ?? join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Served when the web app has not been built, so the API still starts and says what to do. */
const NOT_BUILT_PAGE = Buffer.from(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>invoiceops</title></head>
<body><h1>Sign in</h1><p>The web app has not been built yet. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is available: <a href="/docs">API reference</a>.</p></body></html>`);

/** Paths that never fall back to the app: the API, its reference, and anything with a file extension. */
const NOT_CLIENT_ROUTE = /^\/(v1|docs|openapi\.json|metrics|healthz|readyz)(\/|$)|\.[a-z0-9]+$/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const route = { config: { permission: 'public' as const }, schema: { hide: true } };

/**
 * Serves the web app's built files at `/`, each as an explicit public route (so the
 * permission check covers them like every other route), read once at start. Client
 * routes (`/invoices/inv_…`, `/work`, …) get index.html, so deep links and reloads
 * work; API paths and missing files still get the problem+json 404.
 */
export async function registerWebUi(app: FastifyInstance, root: string = WEB_BUILD_DIR): Promise<void> {
  const built = existsSync(join(root, 'index.html'));
  const index = built ? readFileSync(join(root, 'index.html')) : NOT_BUILT_PAGE;
  const sendIndex = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type(TYPES['.html']!).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(index);

  if (built) {
    for (const file of filesUnder(root)) {
      const url = `/${relative(root, file).split('\\').join('/')}`;
      if (url === '/index.html') continue;
      const body = readFileSync(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      // Vite fingerprints everything under assets/, so those never change under one name.
      const cache = url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      app.get(url, route, async (_request, reply) => reply.type(type).header('cache-control', cache).header('x-content-type-options', 'nosniff').send(body));
    }
  }
  app.get('/', route, sendIndex);
  app.get('/index.html', route, sendIndex);
  app.get('/*', route, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (!wantsHtml || NOT_CLIENT_ROUTE.test(path)) return reply.callNotFound();
    return sendIndex(request, reply);
  });
}
