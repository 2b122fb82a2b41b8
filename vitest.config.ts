import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // Mail without an SMTP server lands in <data dir>/outbox: keep tests out of ./data.
    env: { INVOICEOPS_DATA_DIR: join(tmpdir(), 'invoiceops-vitest-data') },
  },
});
