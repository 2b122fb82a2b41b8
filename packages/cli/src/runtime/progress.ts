import cliProgress from 'cli-progress';

/**
 * A progress bar for long work on a terminal; on a pipe or in CI it prints a line per
 * stage instead, so logs stay readable.
 */
export function progressReporter(label: string): { update(done: number, total: number, stage?: string): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let lastStage = '';
    return {
      update(done, total, stage = label) {
        if (stage !== lastStage) {
          process.stderr.write(`${label}: ${stage}\n`);
          lastStage = stage;
        }
        if (done === total && total > 0) process.stderr.write(`${label}: ${stage} ${done}/${total}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {stage}`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, stage = '') {
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { stage });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
