import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import {
  AppError,
  ALL_ENTITIES,
  MAX_USAGE_BATCH,
  SYSTEM_CONTEXT,
  csvRowToCloudEvent,
  ingestUsageEvents,
  listUsageEvents,
  listUsageEventsQuery,
  maintainTables,
  ndjsonLineToCloudEvent,
  reviewHeldUsage,
  reviewHeldUsageSchema,
  splitCsvLine,
  type UsageFileFormat,
} from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { progressReporter } from '../runtime/progress.ts';

function formatOf(path: string, explicit?: string): UsageFileFormat {
  const format = explicit ?? (path.endsWith('.csv') ? 'csv' : path.endsWith('.ndjson') || path.endsWith('.jsonl') ? 'ndjson' : undefined);
  if (format !== 'csv' && format !== 'ndjson') throw new AppError('validation_failed', `cannot tell the format of ${path}: use --format csv or --format ndjson`);
  return format;
}

/** `invoiceops usage import FILE`: bulk usage through the same validation as the API; `usage held` and `usage review`: the review queue. */
export function registerUsageCommand(program: Command): void {
  const usage = program.command('usage').description('usage events');
  usage
    .command('import <file>')
    .description('import usage events from a CSV or NDJSON file (same validation and idempotency as the API)')
    .option('--format <format>', 'csv or ndjson (default: from the file extension)')
    .option('--show-rejects <n>', 'print the first N rejected lines with their reasons', '10')
    .action(async (file: string, options: { format?: string; showRejects: string }) => {
      const format = formatOf(file, options.format);
      const size = statSync(file).size;
      const handle = await openDatabase(runtimeConfigFromEnv().database);
      const progress = progressReporter(`importing ${file}`);
      const totals = { accepted: 0, flagged: 0, duplicates: 0, rejected: 0 };
      const rejects: string[] = [];
      let bytes = 0;
      let lineNumber = 0;
      let header: string[] | undefined;
      let batch: { line: number; event: unknown }[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const result = await ingestUsageEvents(handle.db, SYSTEM_CONTEXT, { events: batch.map((b) => b.event), scope: ALL_ENTITIES });
        totals.accepted += result.accepted;
        totals.flagged += result.flagged;
        totals.duplicates += result.duplicates;
        totals.rejected += result.rejected;
        for (const r of result.results) if (r.status === 'rejected') rejects.push(`line ${batch[r.index]!.line}: ${r.reason}`);
        batch = [];
        progress.update(bytes, size, `${totals.accepted + totals.flagged} stored, ${totals.duplicates} duplicates, ${totals.rejected} rejected`);
      };
      try {
        const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
        for await (const line of lines) {
          lineNumber += 1;
          bytes += Buffer.byteLength(line) + 1;
          if (line.trim() === '') continue;
          if (format === 'csv' && !header) {
            header = splitCsvLine(line).map((h) => h.trim());
            continue;
          }
          const event = format === 'csv' ? csvRowToCloudEvent(header!, splitCsvLine(line)) : ndjsonLineToCloudEvent(line);
          batch.push({ line: lineNumber, event });
          if (batch.length >= MAX_USAGE_BATCH) await flush();
        }
        await flush();
        // The embedded database has no autovacuum: a bulk load is vacuumed and analyzed here,
        // so the next bill run reads it at full speed (`invoiceops start`'s worker does so
        // within a minute; on a server, autovacuum does).
        if (handle.kind === 'pglite') {
          progress.update(bytes, size, 'vacuuming and analyzing the imported events');
          await maintainTables(handle.db);
        }
      } finally {
        progress.stop();
        await handle.close();
      }
      console.log(`imported ${file}: ${totals.accepted} accepted, ${totals.flagged} flagged for review, ${totals.duplicates} duplicates, ${totals.rejected} rejected`);
      for (const r of rejects.slice(0, Number(options.showRejects))) console.log(`  rejected ${r}`);
      if (totals.rejected > 0) process.exitCode = 3;
    });
  usage
    .command('held')
    .description('list the events held for review (flagged), oldest first, with why')
    .option('--customer <id>', 'only this customer (cus_…)')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (options: { customer?: string; limit: string }) => {
      const query = listUsageEventsQuery.safeParse({ status: 'flagged', customerId: options.customer, limit: options.limit });
      if (!query.success) throw new AppError('validation_failed', `invalid option: ${query.error.issues[0]!.path.join('.')} ${query.error.issues[0]!.message}`);
      const handle = await openDatabase(runtimeConfigFromEnv().database);
      try {
        const page = await listUsageEvents(handle.db, query.data, ALL_ENTITIES);
        if (page.data.length === 0) console.log('no events are held for review');
        for (const e of page.data) console.log(`${e.customerId}:${e.id}  ${e.occurredAt}  ${e.metric} ${e.quantity}  ${e.flagReason ?? ''}`);
      } finally {
        await handle.close();
      }
    });
  usage
    .command('review')
    .description('release held events to billing, or reject them (kept, never billed); each given as CUSTOMER:EVENT_ID as `usage held` lists them')
    .argument('<events...>', 'the held events, cus_…:use_…')
    .requiredOption('--decision <decision>', 'release or reject')
    .requiredOption('--reason <text>', 'why (kept on each event and in the audit trail)')
    .action(async (events: string[], options: { decision: string; reason: string }) => {
      const refs = events.map((ref) => {
        const [customerId, id, ...rest] = ref.split(':');
        if (!customerId || !id || rest.length > 0) throw new AppError('validation_failed', `${ref} is not CUSTOMER:EVENT_ID (for example cus_01…:use_01…)`);
        return { customerId, id };
      });
      const input = reviewHeldUsageSchema.safeParse({ events: refs, decision: options.decision, reason: options.reason });
      if (!input.success) {
        const issue = input.error.issues[0]!;
        throw new AppError('validation_failed', `invalid review: ${issue.path.join('.') || 'input'} ${issue.message}`);
      }
      const handle = await openDatabase(runtimeConfigFromEnv().database);
      try {
        const result = await reviewHeldUsage(handle.db, { actor: 'cli' }, input.data, ALL_ENTITIES);
        console.log(`${result.released} released, ${result.rejected} rejected, ${result.refused} refused`);
        for (const r of result.results) {
          if (r.outcome === 'refused') console.log(`  refused ${r.customerId}:${r.id}: ${r.reason}`);
          else if (r.billing === 'late') console.log(`  ${r.customerId}:${r.id}: released as late usage (its month is invoiced; the next invoice carries it)`);
        }
        if (result.refused > 0) process.exitCode = 3;
      } finally {
        await handle.close();
      }
    });
}
