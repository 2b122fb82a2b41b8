import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { AppError, type Db } from '@invoiceops/core';

/** How long keys are remembered (at least 24 h, per the API conventions). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A request holding a key longer than this is taken to have died; its key may be retried. */
const LOCK_MS = 60_000;
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location'];

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: { principal: string; key: string };
  }
  interface FastifyContextConfig {
    /**
     * Top-level answer fields that must not be stored for replays (a secret shown once):
     * the stored copy has them set to null.
     */
    idempotencyRedact?: readonly string[];
  }
}

/** The answer as stored for replays, without the route's redacted fields. */
function storedBody(request: FastifyRequest, payload: unknown): string {
  const body = typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : String(payload);
  const redact = request.routeOptions.config.idempotencyRedact;
  if (!redact?.length) return body;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (parsed === null || typeof parsed !== 'object') return body;
    for (const field of redact) if (field in parsed) parsed[field] = null;
    return JSON.stringify(parsed);
  } catch {
    return '';
  }
}

function requestHash(request: FastifyRequest): string {
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
}

/**
 * `Idempotency-Key` on every POST: the first request with a key runs and its response is
 * stored; a repeat with the same body gets the stored response (with
 * `Idempotent-Replayed: true`), a repeat with a different body gets 422, and a repeat
 * while the first is still running gets 409. Keys are scoped to the caller. A 5xx frees
 * the key so the client can retry.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('bad_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const principal = request.principal?.actor ?? `anonymous:${request.ip}`;
    const hash = requestHash(request);
    const now = Date.now();
    const inserted = await db
      .insertInto('idempotencyKeys')
      .values({
        principal,
        key,
        method: request.method,
        path: request.url,
        requestHash: hash,
        state: 'in_progress',
        lockedUntil: new Date(now + LOCK_MS),
        expiresAt: new Date(now + IDEMPOTENCY_RETENTION_MS),
      })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      request.idempotencyKey = { principal, key };
      return;
    }
    const existing = await db.selectFrom('idempotencyKeys').selectAll().where('principal', '=', principal).where('key', '=', key).executeTakeFirst();
    if (!existing) throw new AppError('idempotency_in_progress', 'a request with this Idempotency-Key is being processed; retry shortly');
    if (existing.requestHash !== hash) {
      throw new AppError('idempotency_key_reused', 'this Idempotency-Key was already used with a different request; use a new key for a new request');
    }
    if (existing.state === 'completed') return replay(reply, existing.statusCode ?? 200, existing.responseBody, existing.responseHeaders);
    const takenOver = await db
      .updateTable('idempotencyKeys')
      .set({ lockedUntil: new Date(now + LOCK_MS) })
      .where('principal', '=', principal)
      .where('key', '=', key)
      .where('state', '=', 'in_progress')
      .where('lockedUntil', '<', sql<Date>`now()`)
      .returning('key')
      .executeTakeFirst();
    if (!takenOver) throw new AppError('idempotency_in_progress', 'a request with this Idempotency-Key is being processed; retry shortly');
    request.idempotencyKey = { principal, key };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotencyKey;
    if (!held) return payload;
    const where = db.updateTable('idempotencyKeys').where('principal', '=', held.principal).where('key', '=', held.key);
    if (reply.statusCode >= 500) {
      await db.deleteFrom('idempotencyKeys').where('principal', '=', held.principal).where('key', '=', held.key).execute();
      return payload;
    }
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((name) => {
        const value = reply.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      }),
    );
    await where
      .set({
        state: 'completed',
        statusCode: reply.statusCode,
        responseBody: storedBody(request, payload),
        responseHeaders: JSON.stringify(headers),
      })
      .execute();
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, body: string | null, headers: Record<string, string> | null): FastifyReply {
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  reply.header('idempotent-replayed', 'true');
  return reply.code(status).send(body ?? '');
}
