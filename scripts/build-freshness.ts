import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest modification time (ms) of a file, or of any file under a folder; 0 when missing. */
export function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Runs `work` holding a lock named after `key` (a folder in the temp directory), so two
 * processes (test workers, say) never build the same output at once; a lock older than two
 * minutes is left over from a crash and is taken over.
 */
export async function withBuildLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `invoiceops-build-${Buffer.from(key).toString('base64url').slice(-48)}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000 || Date.now() - started > 180_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
