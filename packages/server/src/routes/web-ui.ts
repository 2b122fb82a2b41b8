import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../web/public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Serves the web UI's built files at `/`, each as an explicit public route (so the
 * permission check covers them like every other route). Files are read once at start.
 */
export async function registerWebUi(app: FastifyInstance, root: string = WEB_ROOT): Promise<void> {
  for (const file of filesUnder(root)) {
    const url = `/${relative(root, file).split('\\').join('/')}`;
    const body = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const send = async (_request: unknown, reply: FastifyReply) =>
      reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);
    app.get(url, { config: { permission: 'public' }, schema: { hide: true } }, send);
    if (url === '/index.html') app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, send);
  }
}
