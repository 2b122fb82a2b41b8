/**
 * The load generator of bench:billing, a process of its own (as clients are) so that
 * making and reading requests takes neither the event loop nor the memory of the API it
 * measures: it posts the month's events as CloudEvents batches with `concurrency` requests
 * in flight and reports how many were stored and how long it took from the first request
 * to the last answer. Takes its task from, and answers to, its parent (`fork`).
 */
import { BATCH, usageEvents } from './usage-events.ts';

export interface SendUsageTask {
  url: string;
  token: string;
  customerIds: string[];
  perCustomer: number;
  source: string;
  concurrency: number;
}

export interface SendUsageResult {
  stored: number;
  seconds: number;
}

function* batchBodies(task: SendUsageTask): Generator<string> {
  let batch: unknown[] = [];
  for (const event of usageEvents(task.customerIds, task.perCustomer, task.source)) {
    batch.push(event);
    if (batch.length === BATCH) {
      yield JSON.stringify(batch);
      batch = [];
    }
  }
  if (batch.length) yield JSON.stringify(batch);
}

async function send(task: SendUsageTask): Promise<SendUsageResult> {
  const bodies = batchBodies(task);
  let stored = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: task.concurrency }, async () => {
      for (let next = bodies.next(); !next.done; next = bodies.next()) {
        const response = await fetch(`${task.url}/v1/usage-events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${task.token}`, 'content-type': 'application/cloudevents-batch+json' },
          body: next.value,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const result = (await response.json()) as { accepted: number; flagged: number; rejected: number; results: { reason?: string }[] };
        if (result.rejected > 0) throw new Error(`rejected: ${result.results.find((r) => r.reason)?.reason}`);
        stored += result.accepted + result.flagged;
      }
    }),
  );
  return { stored, seconds: (performance.now() - started) / 1000 };
}

process.once('message', (task: SendUsageTask) => {
  void send(task).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
