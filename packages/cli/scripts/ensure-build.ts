import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { newestMtime, withBuildLock } from '../../../scripts/build-freshness.ts';

/** packages/cli */
const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = join(CLI_DIR, '..');
/** Where bin/invoiceops.js looks for it. */
export const CLI_BUNDLE = join(CLI_DIR, 'dist', 'invoiceops.mjs');
/** The workspace packages bundled into it (the same list as bin/invoiceops.js checks). */
const BUNDLED = ['cli', 'core', 'connectors', 'server', 'worker', 'testing'];

/**
 * Bundles one TypeScript entry point of ours into an ES module: our workspace packages are
 * compiled into it, npm dependencies (and Node's built-ins) stay outside and load from
 * node_modules as usual.
 */
export async function bundleEntry(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [{
      name: 'npm-dependencies-outside',
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@invoiceops/') ? undefined : { path: args.path, external: true }));
      },
    }],
  });
}

/** True when the bundle is missing or older than a source file of a package it holds. */
export function isCliBuildStale(): boolean {
  const built = statSync(CLI_BUNDLE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built === 0 || BUNDLED.some((p) => newestMtime(join(PACKAGES, p, 'src')) > built || newestMtime(join(PACKAGES, p, 'package.json')) > built);
}

/**
 * Bundles the command line (and the server, worker and core it runs) into one ES module,
 * packages/cli/dist/invoiceops.mjs, unless it is up to date. Our TypeScript is compiled
 * into it; npm dependencies stay outside and load from node_modules as usual. A process
 * then starts in a fraction of a second instead of compiling hundreds of modules through
 * tsx on the way (bin/invoiceops.js falls back to the sources when the bundle is stale).
 * Run by `npm install` (prepare) and `npm start` (prestart).
 */
export async function ensureCliBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !isCliBuildStale()) return false;
  return withBuildLock(CLI_BUNDLE, async () => {
    if (!options.force && !isCliBuildStale()) return false;
    const started = Date.now();
    await bundleEntry(join(CLI_DIR, 'src', 'main.ts'), CLI_BUNDLE);
    if (!options.quiet) process.stderr.write(`command line bundled into packages/cli/dist in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureCliBuild({ force: process.argv.includes('--force') });
}
