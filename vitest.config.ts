import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Each fork runs its test files one after another in one module graph, instead of
    // importing the packages afresh for every file: 30 s of imports in a full run instead of
    // 350 s (the run takes 11 minutes instead of 16). Test files therefore leave no state
    // behind: they close what they open and restore the environment variables they set.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll waits up to 5 s (vitest's default is 1 s): a browser page reading the API
    // on a loaded 2-core CI machine can take longer than a second.
    expect: { poll: { timeout: 5_000 } },
    reporters: ['default'],
    // Mail without an SMTP server lands in <data dir>/outbox: keep tests out of ./data.
    env: { INVOICEOPS_DATA_DIR: join(tmpdir(), 'invoiceops-vitest-data') },
  },
});
