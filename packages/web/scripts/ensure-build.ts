import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { newestMtime, withBuildLock } from '../../../scripts/build-freshness.ts';

/** packages/web */
export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_INDEX = join(WEB_DIR, 'dist', 'index.html');
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'src'];

/** True when dist/ is missing or older than any source file of the app. */
export function isWebBuildStale(): boolean {
  const built = statSync(DIST_INDEX, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built === 0 || SOURCES.some((s) => newestMtime(join(WEB_DIR, s)) > built);
}

/**
 * Builds the web app into packages/web/dist unless it is already up to date. Run by
 * `npm install` (prepare) and `npm start` (prestart), so a fresh clone serves the app
 * with no separate step, and by the end-to-end tests before they start a server.
 */
export async function ensureWebBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !isWebBuildStale()) return false;
  return withBuildLock(WEB_DIR, async () => {
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
