import type { SimResponse } from '../simulator-server.ts';
import { xeroProblem } from './xero-error-body.ts';

interface Remembered {
  readonly fingerprint: string;
  readonly response: SimResponse;
  readonly at: number;
}

/**
 * Xero's `Idempotency-Key` (at most 128 characters) as reported: within the window (about
 * six minutes) a repeat of the same request replays the first answer, errors included; the
 * same key with a different request is refused with 400 "Idempotency Key … is used with a
 * different request". Keys are per organisation. (Window, error caching and the refusal's
 * wording are unverified.)
 */
export class XeroIdempotency {
  private readonly seen = new Map<string, Remembered>();

  constructor(private readonly windowMs: number) {}

  /** The answer to give without handling the request: a replay or a refusal; undefined to handle it. */
  check(tenantId: string, key: string, fingerprint: string, now: number): SimResponse | undefined {
    if (key.length > 128) return xeroProblem(400, 'Bad Request', 'Idempotency-Key must be at most 128 characters');
    const earlier = this.seen.get(`${tenantId}|${key}`);
    if (!earlier || earlier.at + this.windowMs <= now) return undefined;
    if (earlier.fingerprint !== fingerprint) return xeroProblem(400, 'Bad Request', `Idempotency Key ${key} is used with a different request`);
    return earlier.response;
  }

  remember(tenantId: string, key: string, fingerprint: string, response: SimResponse, now: number): void {
    this.seen.set(`${tenantId}|${key}`, { fingerprint, response, at: now });
  }

  reset(): void {
    this.seen.clear();
  }
}
