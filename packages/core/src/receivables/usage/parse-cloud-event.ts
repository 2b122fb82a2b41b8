import { MoneyDecimal } from '../../money/exact-decimal.ts';

/** A CloudEvents 1.0 usage event after structural checks (before customer/metric look-up). */
export interface ParsedCloudEvent {
  source: string;
  eventId: string;
  type: string;
  subject: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** Extension attribute `corrects`: the id (same source) of the event this one replaces. */
  correctsEventId: string | null;
}

export type ParseResult =
  | { ok: true; event: ParsedCloudEvent }
  | { ok: false; reason: string; eventId?: string; source?: string };

/** Events may be stamped up to this far ahead of our clock (producers' clock skew). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
const EARLIEST = Date.UTC(2000, 0, 1);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const TYPE = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
const KNOWN = new Set(['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data', 'corrects']);

const fail = (reason: string, raw?: Record<string, unknown>): ParseResult => ({
  ok: false,
  reason,
  ...(typeof raw?.id === 'string' ? { eventId: raw.id } : {}),
  ...(typeof raw?.source === 'string' ? { source: raw.source } : {}),
});

function nonEmptyString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max && !value.includes('\u0000');
}

/**
 * Checks one structured-mode CloudEvent (https://github.com/cloudevents/spec, v1.0) and
 * says in words what is wrong with it. Required here beyond the spec: `subject` (whose
 * usage it is) and `time` (when it happened), since usage cannot be billed without them.
 */
export function parseCloudEvent(value: unknown, now: Date = new Date()): ParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('an event must be a JSON object');
  const raw = value as Record<string, unknown>;
  if (raw.specversion !== '1.0') return fail('specversion must be "1.0"', raw);
  if (!nonEmptyString(raw.id, 256)) return fail('id must be a non-empty string of at most 256 characters', raw);
  if (!nonEmptyString(raw.source, 1024)) return fail('source must be a non-empty URI-reference', raw);
  if (typeof raw.type !== 'string' || !TYPE.test(raw.type)) return fail('type must be a billable metric code such as api.calls', raw);
  if (!nonEmptyString(raw.subject, 256)) return fail('subject must name the customer (its external id or cus_ id)', raw);
  if (typeof raw.time !== 'string' || !RFC3339.test(raw.time) || Number.isNaN(Date.parse(raw.time))) {
    return fail('time must be an RFC 3339 timestamp such as 2026-10-14T09:30:00Z', raw);
  }
  const occurredAt = new Date(raw.time);
  if (occurredAt.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) return fail(`time ${raw.time} is in the future`, raw);
  if (occurredAt.getTime() < EARLIEST) return fail(`time ${raw.time} is before 2000-01-01`, raw);
  if (raw.datacontenttype !== undefined && !/^application\/(.+\+)?json(;.*)?$/i.test(String(raw.datacontenttype))) {
    return fail('datacontenttype must be application/json', raw);
  }
  const data = raw.data ?? {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('data must be a JSON object', raw);
  if (raw.corrects !== undefined && !nonEmptyString(raw.corrects, 256)) return fail('corrects must be the id of the corrected event', raw);
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key) && !EXTENSION_NAME.test(key)) return fail(`attribute "${key.slice(0, 40)}" is not a valid CloudEvents attribute name`, raw);
  }
  return {
    ok: true,
    event: {
      source: raw.source,
      eventId: raw.id,
      type: raw.type,
      subject: raw.subject,
      occurredAt,
      data: data as Record<string, unknown>,
      correctsEventId: (raw.corrects as string | undefined) ?? null,
    },
  };
}

/** Largest quantity one event may carry; anything above is a producer bug, not usage. */
export const MAX_EVENT_QUANTITY = '1000000000000000';

/**
 * Reads a quantity from event data: a JSON number or a decimal string, at most 12
 * decimals, not negative (usage is corrected by a correction event, never by a negative
 * one). Returns an exact decimal string, or a reason.
 */
export function readQuantity(value: unknown, property: string): { ok: true; quantity: string } | { ok: false; reason: string } {
  if (typeof value !== 'number' && typeof value !== 'string') return { ok: false, reason: `data.${property} must be a number` };
  if (typeof value === 'number' && !Number.isFinite(value)) return { ok: false, reason: `data.${property} must be a finite number` };
  if (typeof value === 'string' && !/^-?\d{1,18}(\.\d{1,12})?$/.test(value)) return { ok: false, reason: `data.${property} must be a decimal number` };
  let decimal: InstanceType<typeof MoneyDecimal>;
  try {
    decimal = new MoneyDecimal(value);
  } catch {
    return { ok: false, reason: `data.${property} must be a number` };
  }
  if (decimal.isNegative() && !decimal.isZero()) return { ok: false, reason: `data.${property} must not be negative; send a correction event instead` };
  if (decimal.greaterThan(MAX_EVENT_QUANTITY)) return { ok: false, reason: `data.${property} is absurdly large (over ${MAX_EVENT_QUANTITY})` };
  if (decimal.decimalPlaces() > 12) return { ok: false, reason: `data.${property} has more than 12 decimals` };
  return { ok: true, quantity: decimal.toFixed() };
}
