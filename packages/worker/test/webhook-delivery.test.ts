import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SYSTEM_CONTEXT,
  createWebhookSubscription,
  emitWebhookEvents,
  generateMasterKeyText,
  listWebhookDeliveries,
  listWebhookDeliveriesQuery,
  parseMasterKey,
  replayWebhookDeliveries,
  replayWebhookDelivery,
  updateWebhookSubscription,
  type Db,
  type WebhookEventInput,
} from '@invoiceops/core';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { startWorker, type JobDefinition } from '../src/index.ts';
import { createDeliverWebhookJob } from '../src/handlers/deliver-webhook.ts';
import { createHttpWebhookSender } from '../src/webhooks/http-webhook-sender.ts';
import { WebhookReceiver } from './webhook-receiver.ts';

const logger = pino({ level: 'silent' });
const key = parseMasterKey(generateMasterKeyText(), 'test key');
const NO_WAIT = [0, 0, 0, 0, 0, 0, 0];

describe.each(testDatabaseKinds())('webhook delivery on %s', (kind) => {
  const t = useTestDatabase(kind);
  const receiver = new WebhookReceiver();

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(async () => {
    await t.db.deleteFrom('webhookSubscriptions').execute();
    await t.db.deleteFrom('jobs').execute();
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 204 });
  });

  /** A subscription at `path` on the receiver, which learns its secret to verify with. */
  async function subscribe(path: string, eventTypes: string[] = ['*']) {
    const subscription = await createWebhookSubscription(t.db, SYSTEM_CONTEXT, key, { url: receiver.url(path), eventTypes });
    receiver.secrets.set(path, subscription.secret);
    return subscription;
  }

  async function emit(events: WebhookEventInput[]) {
    await t.db.transaction().execute((trx) => emitWebhookEvents(trx, events));
  }

  /** A worker whose deliveries may reach the loopback receiver (unless `publicOnly`, the default outside tests). */
  function worker(options: { retrySchedule?: readonly number[]; timeoutMs?: number; publicOnly?: boolean } = {}) {
    const definition = createDeliverWebhookJob({
      masterKey: () => key,
      send: createHttpWebhookSender({ allowPrivateDestinations: !options.publicOnly }),
      retrySchedule: options.retrySchedule ?? NO_WAIT,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    return startWorker({ db: t.db, logger, definitions: [definition as unknown as JobDefinition] }, false);
  }

  /**
   * One poll with every queued job due by the database's clock: retries were scheduled
   * by the process clock, which the embedded database's may trail by a few milliseconds.
   */
  async function tickDue(w: { tick(): Promise<number> }) {
    await sql`UPDATE jobs SET run_at = now() - interval '1 second' WHERE state = 'queued'`.execute(t.db);
    return w.tick();
  }

  async function deliveries(db: Db, subscriptionId: string) {
    return (await listWebhookDeliveries(db, listWebhookDeliveriesQuery.parse({ subscriptionId }))).data;
  }

  async function attempts(deliveryId: string) {
    return t.db.selectFrom('webhookDeliveryAttempts').select(['attempt', 'status', 'error', 'responseBody']).where('deliveryId', '=', deliveryId).orderBy('attempt').execute();
  }

  it('refuses a receiver on a loopback address, by IP or by a name resolving to one, before connecting, and says why', async () => {
    const byIp = await subscribe('/private-ip');
    const byName = await createWebhookSubscription(t.db, SYSTEM_CONTEXT, key, { url: receiver.url('/private-name').replace('127.0.0.1', 'localhost'), eventTypes: ['*'] });
    await emit([{ type: 'invoice.finalized', data: { id: 'inv_p' } }]);
    await worker({ publicOnly: true }).tick();
    expect(receiver.received).toHaveLength(0);
    const [ip] = await deliveries(t.db, byIp.id);
    expect(ip).toMatchObject({ state: 'retrying', lastStatus: null });
    expect(ip!.lastError).toBe('refused: 127.0.0.1 is loopback; webhooks go only to public addresses unless INVOICEOPS_WEBHOOK_ALLOW_PRIVATE=true');
    const [name] = await deliveries(t.db, byName.id);
    expect(name!.lastError).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is loopback; webhooks go only to public addresses/);
  });

  it('POSTs the event signed per Standard Webhooks; the receiver verifies it; webhook-id is the delivery id', async () => {
    const subscription = await subscribe('/signed');
    await emit([{ type: 'invoice.finalized', data: { id: 'inv_1', number: 'INV-0001', amount: '119.00', amountMinor: 11900, currency: 'EUR' } }]);
    await worker().tick();
    const [got] = receiver.at('/signed');
    expect(got).toMatchObject({ verified: true, payload: { type: 'invoice.finalized', data: { id: 'inv_1', amount: '119.00', amountMinor: 11900 } } });
    expect(got!.headers['content-type']).toBe('application/json');
    expect(Object.keys(JSON.parse(got!.body))).toEqual(['type', 'timestamp', 'data']);
    const [delivery] = await deliveries(t.db, subscription.id);
    expect(got!.headers['webhook-id']).toBe(delivery!.id);
    expect(delivery).toMatchObject({ state: 'delivered', attemptCount: 1, lastStatus: 204, lastError: null, nextAttemptAt: null });
    expect(await attempts(delivery!.id)).toEqual([{ attempt: 1, status: 204, error: null, responseBody: '' }]);
  });

  it('retries a 503 after the receiver\'s Retry-After, a dropped connection and a 400, then delivers with the same webhook-id', async () => {
    const subscription = await subscribe('/flaky');
    receiver.answer = (_path, n) => (n === 1 ? { status: 503, headers: { 'retry-after': '120' }, body: 'down for maintenance' } : n === 2 ? 'drop' : n === 3 ? { status: 400, body: 'bad' } : { status: 200, body: 'ok' });
    await emit([{ type: 'invoice.paid', data: { id: 'inv_2' } }]);
    const w = worker();
    await w.tick();
    const [afterFirst] = await deliveries(t.db, subscription.id);
    expect(afterFirst).toMatchObject({ state: 'retrying', attemptCount: 1, lastStatus: 503, lastError: 'HTTP 503', lastResponse: 'down for maintenance' });
    expect(Date.parse(afterFirst!.nextAttemptAt!) - Date.parse(afterFirst!.lastAttemptAt!)).toBe(120_000);
    // The job waits as long as the delivery says (a poll now finds nothing); bring it forward instead of waiting two minutes.
    await w.tick();
    expect(receiver.at('/flaky')).toHaveLength(1);
    for (let i = 0; i < 3; i += 1) await tickDue(w);
    const [delivered] = await deliveries(t.db, subscription.id);
    expect(delivered).toMatchObject({ state: 'delivered', attemptCount: 4, lastStatus: 200 });
    expect((await attempts(delivered!.id)).map((a) => [a.attempt, a.status, a.error?.slice(0, 11) ?? null])).toEqual([[1, 503, 'HTTP 503'], [2, null, 'ECONNRESET:'], [3, 400, 'HTTP 400'], [4, 200, null]]);
    expect(new Set(receiver.at('/flaky').map((r) => r.headers['webhook-id']))).toEqual(new Set([delivered!.id]));
    expect(receiver.at('/flaky').every((r) => r.verified)).toBe(true);
  });

  it('dead-letters after 8 failed attempts, shows it as dead, and a replay delivers it with the same webhook-id', async () => {
    const subscription = await subscribe('/down');
    receiver.answer = () => ({ status: 500, body: 'x'.repeat(10_000) });
    await emit([{ type: 'exception.raised', data: { id: 'exc_1' } }]);
    const w = worker();
    for (let i = 0; i < 9; i += 1) await tickDue(w);
    const [dead] = await deliveries(t.db, subscription.id);
    expect(dead).toMatchObject({ state: 'dead', attemptCount: 8, lastStatus: 500, nextAttemptAt: null });
    expect(dead!.lastResponse).toHaveLength(4096);
    expect(receiver.at('/down')).toHaveLength(8);
    expect((await deliveries(t.db, subscription.id)).map((d) => d.state)).toEqual(['dead']);
    const job = await t.db.selectFrom('jobs').select(['state', 'lastError']).where('type', '=', 'deliver_webhook').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'dead', lastError: expect.stringContaining('dead-lettered: HTTP 500') });

    receiver.answer = () => ({ status: 202 });
    await replayWebhookDelivery(t.db, SYSTEM_CONTEXT, dead!.id);
    await expect(replayWebhookDelivery(t.db, SYSTEM_CONTEXT, dead!.id)).rejects.toMatchObject({ code: 'conflict' });
    await tickDue(w);
    const [replayed] = await deliveries(t.db, subscription.id);
    expect(replayed).toMatchObject({ state: 'delivered', attemptCount: 9, replayCount: 1, lastStatus: 202 });
    expect(receiver.at('/down').at(-1)).toMatchObject({ verified: true, headers: { 'webhook-id': dead!.id } });
  });

  it('replays every dead delivery of a subscription in bulk', async () => {
    const subscription = await subscribe('/bulk');
    receiver.answer = () => ({ status: 410 });
    await emit([{ type: 'invoice.paid', data: { id: 'a' } }, { type: 'invoice.paid', data: { id: 'b' } }]);
    await worker().tick();
    expect((await deliveries(t.db, subscription.id)).map((d) => [d.state, d.attemptCount, d.lastError])).toEqual([
      ['dead', 1, 'HTTP 410 Gone: the endpoint no longer exists'], ['dead', 1, 'HTTP 410 Gone: the endpoint no longer exists'],
    ]);
    receiver.answer = () => ({ status: 200 });
    const result = await replayWebhookDeliveries(t.db, SYSTEM_CONTEXT, { state: 'dead', subscriptionId: subscription.id });
    expect(result).toMatchObject({ skipped: [], more: false });
    expect(result.replayed).toHaveLength(2);
    await tickDue(worker());
    expect((await deliveries(t.db, subscription.id)).map((d) => d.state)).toEqual(['delivered', 'delivered']);
  });

  it('gives a subscriber filtering event types only those', async () => {
    await subscribe('/paid-only', ['invoice.paid']);
    await subscribe('/all', ['*']);
    await emit([
      { type: 'invoice.finalized', data: { id: 'inv_3' } },
      { type: 'invoice.paid', data: { id: 'inv_3' } },
      { type: 'approval.requested', data: { id: 'apr_1' } },
    ]);
    await worker().tick();
    expect(receiver.at('/paid-only').map((r) => r.payload?.type)).toEqual(['invoice.paid']);
    expect(receiver.at('/all').map((r) => r.payload?.type).sort()).toEqual(['approval.requested', 'invoice.finalized', 'invoice.paid']);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('never follows a redirect, gives up on a receiver that does not answer in time, and dead-letters for a disabled subscription', async () => {
    const redirected = await subscribe('/moved');
    const silent = await subscribe('/silent');
    receiver.answer = (path) => (path === '/moved' ? { status: 307, headers: { location: receiver.url('/elsewhere') } } : 'hang');
    await emit([{ type: 'invoice.paid', data: { id: 'inv_4' } }]);
    await worker({ timeoutMs: 300 }).tick();
    expect(receiver.at('/elsewhere')).toEqual([]);
    expect((await deliveries(t.db, redirected.id))[0]).toMatchObject({ state: 'retrying', lastStatus: 307, lastError: 'HTTP 307' });
    expect((await deliveries(t.db, silent.id))[0]).toMatchObject({ state: 'retrying', lastStatus: null, lastError: 'timed out after 0.3 s' });

    await updateWebhookSubscription(t.db, SYSTEM_CONTEXT, redirected.id, { active: false });
    await tickDue(worker({ timeoutMs: 300 }));
    expect((await deliveries(t.db, redirected.id))[0]).toMatchObject({ state: 'dead', attemptCount: 1, lastError: 'the subscription is disabled' });
  });

  it('records a delivery it cannot sign without a master key as a failed attempt, and never sends it unsigned', async () => {
    const subscription = await subscribe('/unsigned');
    await emit([{ type: 'invoice.paid', data: { id: 'inv_5' } }]);
    const definition = createDeliverWebhookJob({ masterKey: () => undefined, retrySchedule: NO_WAIT });
    await startWorker({ db: t.db, logger, definitions: [definition as unknown as JobDefinition] }, false).tick();
    expect(receiver.at('/unsigned')).toEqual([]);
    expect((await deliveries(t.db, subscription.id))[0]).toMatchObject({ state: 'retrying', attemptCount: 1, lastError: expect.stringMatching(/no master key/) });
  });
});
