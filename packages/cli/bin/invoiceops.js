#!/usr/bin/env node
// Runs the bundle (packages/cli/dist, made by `npm install` and `npm start`) when it is newer
// than every source file it holds; otherwise the TypeScript sources directly through tsx, so
// a checkout needs no build step and an edited source is never shadowed by an old bundle.
import { readdirSync, statSync } from 'node:fs';
import { URL } from 'node:url';

const packages = new URL('../../', import.meta.url);
const bundle = new URL('../dist/invoiceops.mjs', import.meta.url);
const BUNDLED = ['cli', 'core', 'connectors', 'server', 'worker', 'testing'];

function newer(than, path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return false;
  if (!stat.isDirectory()) return stat.mtimeMs > than;
  return readdirSync(path).some((name) => newer(than, new URL(`${path.href.replace(/\/?$/, '/')}${encodeURIComponent(name)}`)));
}

function bundleIsFresh() {
  if (process.env.INVOICEOPS_FROM_SOURCES === 'true') return false;
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return false;
  return !BUNDLED.some((name) => newer(built, new URL(`${name}/src`, packages)) || newer(built, new URL(`${name}/package.json`, packages)));
}

if (bundleIsFresh()) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
