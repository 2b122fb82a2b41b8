import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** packages/web */
export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_INDEX = join(WEB_DIR, 'dist', 'index.html');
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'src'];
const LOCK = join(tmpdir(), `invoiceops-web-build-${Buffer.from(WEB_DIR).toString('base64url').slice(-40)}.lock`);

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** True when dist/ is missing or older than any source file of the app. */
export function isWebBuildStale(): boolean {
  const built = statSync(DIST_INDEX, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built === 0 || SOURCES.some((s) => newestMtime(join(WEB_DIR, s)) > built);
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another process (a second test worker, say) is building; a lock older than 2 minutes is left over from a crash.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000 || Date.now() - started > 180_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the web app into packages/web/dist unless it is already up to date. Run by
 * `npm install` (prepare) and `npm start` (prestart), so a fresh clone serves the app
 * with no separate step, and by the end-to-end tests before they start a server.
 */
export async function ensureWebBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !isWebBuildStale()) return false;
  return withLock(async () => {
    if (!options.force && !isWebBuildStale()) return false;
    const started = Date.now();
    await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
    if (!options.quiet) process.stderr.write(`web app built into packages/web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureWebBuild({ force: process.argv.includes('--force') });
}
