import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '@invoiceops/core';

const BIN = join(import.meta.dirname, '../bin/invoiceops.js');
const root = mkdtempSync(join(tmpdir(), 'invoiceops-start-'));
const running = new Set<ChildProcess>();
/** The graceful stop's bound (SHUTDOWN_TIMEOUT_MS), plus room for a loaded machine. */
const STOP_BOUND_MS = 10_000 + 3_000;

interface Started {
  child: ChildProcess;
  /** stdout (JSON logs) and stderr so far. */
  output(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Runs `invoiceops start` on `dataDir`, on a free port, with debug logs (they tell what the worker did). */
function start(dataDir: string, args: string[]): Started {
  const child = spawn(process.execPath, [BIN, 'start', ...args], {
    env: { ...process.env, INVOICEOPS_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'debug' },
  });
  running.add(child);
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, at: Date.now() });
    });
  });
  return { child, output: () => output, stderr: () => stderr, exited };
}

/** Resolves once the output matches; rejects when the process exits first or `ms` pass. */
async function waitFor(started: Started, pattern: RegExp, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(started.output())) {
    if (started.child.exitCode !== null || started.child.signalCode !== null) throw new Error(`exited before ${pattern}:\n${started.output().slice(-2000)}`);
    if (Date.now() > until) throw new Error(`no ${pattern} within ${ms} ms:\n${started.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A data folder holding the test run's migrated template, so the CLI skips initdb and migrations. */
async function migratedDataFolder(name: string): Promise<string> {
  const dir = join(root, name);
  const handle = await createDatabase({ kind: 'pglite', dataDir: dir, loadDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]) });
  await handle.close();
  return dir;
}

describe('invoiceops start', () => {
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('stops within seconds, with one line naming the folder, when its data folder is deleted under it', async () => {
    const dir = await migratedDataFolder('deleted');
    const started = start(dir, ['--no-demo']);
    await waitFor(started, /invoiceops is running at/, 60_000);
    const removedAt = Date.now();
    rmSync(dir, { recursive: true, force: true });
    const exit = await started.exited;
    expect(exit.at - removedAt).toBeLessThan(5_000);
    // exit code 1, or SIGKILL from the watchdog when PGlite keeps the main thread busy
    expect(exit.code === 1 || exit.signal === 'SIGKILL').toBe(true);
    expect(started.stderr()).toContain(`\ninvoiceops: error: data folder ${dir} disappeared while running; stopping\n`);
  }, 90_000);

  it('refuses, in one line, a data folder that is a file or cannot be written', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const env = { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent' };
    const asFile = spawnSync(process.execPath, [BIN, 'start'], { env: { ...env, INVOICEOPS_DATA_DIR: file }, encoding: 'utf8', timeout: 60_000 });
    expect([asFile.status, asFile.stderr]).toEqual([1, `invoiceops: error: data folder ${file} is not a directory\n`]);
    // checked before the vault's key file is written beside it
    expect(existsSync(`${file}.master-key`)).toBe(false);

    // root writes into a folder of mode 0555, so a folder of procfs (with a key from the environment: none is written beside it)
    const unwritable = '/proc/self/fdinfo';
    const key = randomBytes(32).toString('base64');
    const readOnly = spawnSync(process.execPath, [BIN, 'start'], { env: { ...env, INVOICEOPS_DATA_DIR: unwritable, INVOICEOPS_MASTER_KEY: key }, encoding: 'utf8', timeout: 60_000 });
    expect(readOnly.status).toBe(1);
    expect(readOnly.stderr).toMatch(new RegExp(`^invoiceops: error: data folder ${unwritable} is not writable: E[A-Z]+\\n$`));
  }, 90_000);

  it('stops within its bound on SIGTERM while billing the demo, and the next start completes the demo without duplicates', async () => {
    const dir = await migratedDataFolder('demo');
    const first = start(dir, ['--customers', '500']);
    await waitFor(first, /"msg":"worker started"/, 90_000);
    // The worker claims the demo's history (seconds for 500 customers) at once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const stopped = await first.exited;
    expect(stopped.at - signalledAt).toBeLessThan(STOP_BOUND_MS);
    expect(stopped, first.stderr()).toMatchObject({ code: 0 });
    expect(first.output()).toMatch(/"type":"demo\.bill_history","msg":"job interrupted; queued again"/);

    const second = start(dir, []);
    await waitFor(second, /"type":"bill_run\.execute".*"msg":"job succeeded"/, 150_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toMatchObject({ code: 0 });

    const handle = await createDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const runs = await handle.db.selectFrom('billRuns').select(['period', 'status', 'customersTotal', 'customersDone', 'invoicesCreated']).orderBy('period').execute();
      const invoices = await handle.pglite!.query<{ period: string; invoices: number; distinct: number }>(`
        SELECT billing_period AS period, count(*)::int AS invoices, count(DISTINCT (customer_id, currency))::int AS distinct
        FROM invoices WHERE kind = 'invoice' GROUP BY billing_period`);
      const history = await handle.db.selectFrom('jobs').select(['state', 'attempts']).where('type', '=', 'demo.bill_history').execute();
      // the history (July to September) and the demo month, each billed once, completely
      expect(runs.map((r) => r.period)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
      for (const run of runs) {
        expect(run).toMatchObject({ status: 'completed', customersDone: run.customersTotal });
        const billed = invoices.rows.find((row) => row.period === run.period);
        expect(billed).toEqual({ period: run.period, invoices: run.invoicesCreated, distinct: run.invoicesCreated });
      }
      // the interrupted attempt was given back
      expect(history).toEqual([{ state: 'succeeded', attempts: 1 }]);
    } finally {
      await handle.close();
    }
  }, 240_000);
});
