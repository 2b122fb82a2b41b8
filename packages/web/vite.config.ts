import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app builds to static files in `dist/`, which the server serves at `/`
 * (packages/server/src/routes/web-ui.ts). No React plugin: Vite's own transformer
 * compiles TSX with the automatic JSX runtime, so the build needs nothing beyond Vite.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    // Timings warnings only say the machine was busy (tests build while seeding a database).
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
