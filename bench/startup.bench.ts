/**
 * Measures how long `invoiceops start` takes to its first /healthz answer: on an empty
 * data folder (migrate + seed the demo company) and again on the seeded folder.
 * Usage: npm run bench:startup [-- --customers 2000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const customers = process.argv.includes('--customers') ? process.argv[process.argv.indexOf('--customers') + 1]! : '2000';
const dataDir = mkdtempSync(join(tmpdir(), 'invoiceops-bench-'));

async function timeToHealthy(port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['packages/cli/bin/invoiceops.js', 'start', '--customers', customers], {
    env: { ...process.env, INVOICEOPS_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}`);
      if (performance.now() - started > 300_000) throw new Error('no answer within 5 minutes');
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

try {
  const empty = await timeToHealthy(3900);
  const seeded = await timeToHealthy(3901);
  console.log(`start → first /healthz, empty data folder (migrate + seed ${customers} customers): ${empty.toFixed(2)} s`);
  console.log(`start → first /healthz, seeded data folder:                                 ${seeded.toFixed(2)} s`);
  console.log(`ratio empty/seeded: ${(empty / seeded).toFixed(2)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
