import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const FIXTURE = join(import.meta.dirname, 'fixtures/stop-slowly.ts');
const running = new Set<ChildProcess>();

/** Runs the fixture: `onShutdown` with a step that never ends, `mode` `wait` or `busy`. */
async function stopSlowly(mode: 'wait' | 'busy', timeoutMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode, String(timeoutMs)], { env: { ...process.env, LOG_LEVEL: 'silent' } });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, at: Date.now() });
    });
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString('utf8').includes('ready') && resolve());
    child.once('exit', () => reject(new Error(`the fixture exited: ${stderr}`)));
  });
  return { child, exited, stderr: () => stderr };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('onShutdown', () => {
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
  });

  it('exits 1 with one line when the stop outlasts its deadline', async () => {
    const { child, exited, stderr } = await stopSlowly('wait', 500);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const exit = await exited;
    expect(exit).toMatchObject({ code: 1 });
    expect(exit.at - signalledAt).toBeLessThan(3_000);
    expect(stderr()).toBe('invoiceops: error: did not stop within 0.5 s of SIGTERM; exiting anyway (committed data is kept, interrupted billing resumes later)\n');
  }, 30_000);

  it('is ended by its watchdog thread when the main thread stays busy', async () => {
    const { child, exited, stderr } = await stopSlowly('busy', 500);
    const signalledAt = Date.now();
    child.kill('SIGINT');
    const exit = await exited;
    expect(exit).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(exit.at - signalledAt).toBeLessThan(5_000);
    expect(stderr()).toBe('invoiceops: error: did not stop within 0.5 s of SIGINT; exiting anyway (committed data is kept, interrupted billing resumes later)\n');
  }, 30_000);

  it('takes a repeated signal within a second for the same request, and a later one as stop at once', async () => {
    const { child, exited } = await stopSlowly('wait', 60_000);
    // one Ctrl-C under `npm start`: from the terminal, and forwarded by npm
    child.kill('SIGINT');
    child.kill('SIGINT');
    await sleep(1_200);
    expect(child.exitCode).toBe(null);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const exit = await exited;
    expect(exit.at - signalledAt).toBeLessThan(1_000);
    // Node's own action for the signal (our listeners are gone), or ours when the main thread was late to remove them
    expect(exit.signal === 'SIGTERM' || exit.code === 143).toBe(true);
  }, 30_000);
});
