import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Ends the process from a thread of its own when the main thread cannot. */
export interface Watchdog {
  /** Unless the process has exited within `ms`, prints `message` as a one-line error and ends it. */
  deadline(ms: number, message: string): void;
}

/** How often the data folder is looked at. */
const CHECK_EVERY_MS = 1_000;
/** How long the main thread has to exit by itself (code 1) before the watchdog kills the process. */
const GRACE_MS = 1_500;

/*
 * Plain JavaScript evaluated in the thread (CommonJS: `require`), so it needs no file of its
 * own beside the bundle. The line goes to stderr with writeSync: a worker's process.stderr is
 * relayed through the main thread, which may be the one that is stuck.
 */
const WATCHDOG_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { folder, dev, ino, checkEveryMs, graceMs } = workerData;
let ending = false;
function end(message) {
  if (ending) return;
  ending = true;
  writeSync(2, 'invoiceops: error: ' + message + '\\n');
  parentPort.postMessage(message);
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), graceMs);
}
function folderIsGone() {
  try {
    const stat = statSync(folder);
    return !stat.isDirectory() || stat.dev !== dev || stat.ino !== ino || !statSync(join(folder, 'PG_VERSION'), { throwIfNoEntry: false });
  } catch {
    return true;
  }
}
if (folder) setInterval(() => { if (folderIsGone()) end('data folder ' + folder + ' disappeared while running; stopping'); }, checkEveryMs);
parentPort.on('message', ({ ms, message }) => setTimeout(() => end(message), ms));
`;

/**
 * Starts a watchdog thread. The embedded database runs on the main thread, where a statement
 * can keep it busy for seconds — or for ever: PGlite loops at 100 % CPU when its files are
 * deleted under it. So a thread of its own checks once a second that `dataFolder` (the same
 * folder, not a new one of that name) still holds PGlite's files, and keeps the deadlines of
 * {@link Watchdog.deadline}; either way it prints one line, lets the main thread exit with
 * code 1 if it can, and kills the process with SIGKILL when it cannot.
 */
export function startWatchdog(dataFolder: string | undefined): Watchdog {
  const stat = dataFolder === undefined ? undefined : statSync(dataFolder);
  const thread = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { folder: dataFolder, dev: stat?.dev, ino: stat?.ino, checkEveryMs: CHECK_EVERY_MS, graceMs: GRACE_MS },
  });
  thread.unref();
  // The line is printed already; the exit only has to happen.
  thread.on('message', () => process.exit(1));
  // A watchdog that fails to start costs its checks, not the process.
  thread.on('error', (error) => process.emitWarning(`the watchdog thread stopped: ${error.message}`));
  return {
    deadline: (ms, message) => thread.postMessage({ ms, message }),
  };
}
