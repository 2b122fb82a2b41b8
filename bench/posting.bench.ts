/**
 * Exactly-once posting under faults (issue #5): BENCH_INVOICES issued invoices (default
 * 25,000) posted to the NetSuite simulator — concurrency limit 5, 10 ms latency, 5 % 5xx,
 * 2 % 429, 1 % written-but-answer-lost — while a worker process is killed with SIGKILL
 * three times at random and restarted. On the embedded database the killed process is the
 * one holding it (it restarts on the same data folder); with DATABASE_URL set, also three
 * worker processes on PostgreSQL (BENCH_DB=postgres: only there).
 * Prints one JSON line per database, last: records, duplicates, lost, dead letters, elapsed
 * time against the bound the concurrency limit and latency allow (invoices × latency / limit),
 * and against the transport floor: the same postings made by one client process with no
 * database (the real connector, the same faults and retry rules), which says how much of the
 * time the HTTP calls, the simulator and the injected faults take by themselves.
 */
import { generateMasterKeyText } from '@invoiceops/core';
import { runPostingBench, type PostingBenchOptions } from './posting/run-posting-bench.ts';
import { forEachBenchDatabase } from './bench-databases.ts';

const invoices = Number(process.env.BENCH_INVOICES ?? 25_000);
const base = { invoices, latencyMs: 10, concurrency: 5, kills: Number(process.env.BENCH_KILLS ?? 3), transportFloor: true, masterKeyText: generateMasterKeyText(), log: (line: string) => console.error(`[bench:posting] ${line}`) } satisfies Partial<PostingBenchOptions>;

// The killed process holds the embedded database (one worker); three workers share PostgreSQL.
await forEachBenchDatabase(async (label, database) => {
  console.log(JSON.stringify(await runPostingBench({ ...base, database, workers: label === 'pglite' ? 1 : 3 })));
});
