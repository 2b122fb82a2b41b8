import type { Command } from 'commander';
import { listDeadLetters, replayDeadLetters } from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { openDatabase } from '../runtime/open-database.ts';

/** `invoiceops dead-letters list|replay`: the jobs that ran out of attempts, and replaying them. */
export function registerDeadLettersCommand(program: Command): void {
  const dead = program.command('dead-letters').description('jobs that ran out of attempts (postings, webhooks, e-mails), and replaying them');
  dead
    .command('list')
    .description('list dead jobs, newest first, with the document each was about')
    .option('--type <type>', 'only jobs of this type, e.g. post_document')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line')
    .action(async (options: { type?: string; limit: string; json?: boolean }) => {
      const handle = await openDatabase(runtimeConfigFromEnv().database);
      try {
        const rows = await listDeadLetters(handle.db, { type: options.type, limit: Number(options.limit) });
        if (options.json) {
          for (const row of rows) console.log(JSON.stringify(row));
          return;
        }
        if (rows.length === 0) {
          console.log('the dead-letter queue is empty');
          return;
        }
        for (const row of rows) {
          const doc = row.document ? ` ${row.document.number ?? row.document.id} (${row.document.lifecycle})` : '';
          console.log(`${row.id}  ${row.type}${doc}  after ${row.attempts} attempts: ${row.lastError ?? ''}`);
        }
      } finally {
        await handle.close();
      }
    });
  dead
    .command('replay')
    .description('queue dead jobs again with fresh attempts (jobs are idempotent: a replayed posting never duplicates)')
    .argument('[ids...]', 'the dead jobs to replay')
    .option('--type <type>', 'replay every dead job of this type')
    .action(async (ids: string[], options: { type?: string }) => {
      if (ids.length === 0 && !options.type) throw new Error('name the dead jobs to replay, or give --type to replay every dead job of a type');
      const handle = await openDatabase(runtimeConfigFromEnv().database);
      try {
        const result = await replayDeadLetters(handle.db, { actor: 'cli' }, ids.length > 0 ? { ids } : { type: options.type });
        console.log(`replayed ${result.replayed.length} job(s)`);
      } finally {
        await handle.close();
      }
    });
}
