/** Xero's documented limits: per organisation 60 a minute and 5,000 a day; 10,000 a minute per app. */
export interface XeroLimits {
  readonly minute: number;
  readonly day: number;
  readonly appMinute: number;
}

/** The outcome of counting one call: the headers Xero sends, and the problem when over a limit. */
export interface RateDecision {
  readonly headers: Record<string, string>;
  readonly over?: { readonly problem: 'minute' | 'day' | 'appminute'; readonly retryAfterSeconds: number };
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Counts calls in sliding windows per tenant (minute, day) and per app (minute), and says
 * what Xero would: `X-MinLimit-Remaining`, `X-DayLimit-Remaining`,
 * `X-AppMinLimit-Remaining` on every answer; over a limit, 429 with `Retry-After` and
 * `X-Rate-Limit-Problem`. A refused call is not counted.
 */
export class XeroRateLimits {
  private readonly tenantCalls = new Map<string, number[]>();
  private appCalls: number[] = [];

  constructor(private readonly limits: XeroLimits) {}

  take(tenantId: string, now: number): RateDecision {
    const calls = (this.tenantCalls.get(tenantId) ?? []).filter((at) => at > now - DAY);
    this.appCalls = this.appCalls.filter((at) => at > now - MINUTE);
    const lastMinute = calls.filter((at) => at > now - MINUTE);
    const waitFor = (oldest: number | undefined, window: number) => Math.max(1, Math.ceil(((oldest ?? now) + window - now) / 1000));
    let over: RateDecision['over'];
    if (calls.length >= this.limits.day) over = { problem: 'day', retryAfterSeconds: waitFor(calls[0], DAY) };
    else if (lastMinute.length >= this.limits.minute) over = { problem: 'minute', retryAfterSeconds: waitFor(lastMinute[0], MINUTE) };
    else if (this.appCalls.length >= this.limits.appMinute) over = { problem: 'appminute', retryAfterSeconds: waitFor(this.appCalls[0], MINUTE) };
    if (!over) {
      calls.push(now);
      lastMinute.push(now);
      this.appCalls.push(now);
    }
    this.tenantCalls.set(tenantId, calls);
    const headers: Record<string, string> = {
      'x-daylimit-remaining': String(Math.max(0, this.limits.day - calls.length)),
      'x-minlimit-remaining': String(Math.max(0, this.limits.minute - lastMinute.length)),
      'x-appminlimit-remaining': String(Math.max(0, this.limits.appMinute - this.appCalls.length)),
    };
    if (over) Object.assign(headers, { 'retry-after': String(over.retryAfterSeconds), 'x-rate-limit-problem': over.problem });
    return over ? { headers, over } : { headers };
  }

  reset(): void {
    this.tenantCalls.clear();
    this.appCalls = [];
  }
}
