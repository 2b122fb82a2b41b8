import { sql } from 'kysely';
import { scopeIncludes, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { lookUpEach } from '../../db/id-list.ts';
import { selectJsonRows } from '../../db/select-json-rows.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { recordDuplicateChecks } from '../../controls/metrics/record-duplicate-checks.ts';
import { parseCloudEvent, readQuantity, type ParsedCloudEvent } from './parse-cloud-event.ts';
import { localDateOf } from '../schedule/local-dates.ts';
import { resolveUsageSubjects } from './resolve-usage-subjects.ts';
import { lockUsageBilling } from './usage-billing-lock.ts';
import { loadContractMetrics } from './contract-usage-lines.ts';
import { checkUsageEntitlements, type EntitlementCheck } from './usage-entitlements.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import { jsonParam } from '../../db/json-param.ts';

const HOUR = 3_600_000;

/** The most events one call takes (the CloudEvents batch limit of the API). */
export const MAX_USAGE_BATCH = 1_000;

/** What happened to one event of the batch, in request order. */
export interface UsageEventOutcome {
  index: number;
  id: string | null;
  source: string | null;
  status: 'accepted' | 'flagged' | 'duplicate' | 'rejected';
  reason?: string;
  usageEventId?: string;
}

export interface IngestUsageResult {
  accepted: number;
  flagged: number;
  duplicates: number;
  rejected: number;
  results: UsageEventOutcome[];
}

interface Candidate {
  index: number;
  /** The customer's legal entity, for the duplicates-prevented metric. */
  entityId: string;
  event: ParsedCloudEvent;
  row: {
    customerId: string;
    id: string;
    source: string;
    eventId: string;
    metricCode: string;
    subject: string;
    occurredAt: Date;
    quantity: string;
    /** The event's `data`, stored as jsonb. */
    properties: Record<string, unknown>;
    correctsEventId: string | null;
    status: 'accepted' | 'flagged';
    flagReason: string | null;
    latePending: boolean;
  };
  /** Back-dated: whether it is late depends on billing, decided under the usage lock. */
  recheck: boolean;
}

/**
 * Ingests a batch of CloudEvents usage events. Each event is judged on its own: a
 * malformed event, an unknown customer or metric rejects that event with a reason while
 * the rest land. `(source, id)` is the idempotency key: a repeat is reported as a
 * duplicate and counted once. Accepted events, and one audit row for the batch, commit
 * together.
 */
export async function ingestUsageEvents(
  db: Db,
  ctx: ActorContext,
  input: { events: unknown[]; scope: EntityScope; now?: Date },
): Promise<IngestUsageResult> {
  const now = input.now ?? new Date();
  const results: UsageEventOutcome[] = [];
  const parsed: { index: number; event: ParsedCloudEvent }[] = [];
  input.events.forEach((value, index) => {
    const result = parseCloudEvent(value, now);
    if (result.ok) parsed.push({ index, event: result.event });
    else results.push({ index, id: result.eventId ?? null, source: result.source ?? null, status: 'rejected', reason: result.reason });
  });

  const [subjects, metrics] = await Promise.all([
    resolveUsageSubjects(db, parsed.map((p) => p.event.subject)),
    loadMetrics(db, parsed.map((p) => p.event.type)),
  ]);

  const customerIds = [...subjects.values()].flatMap((s) => (s.ok ? [s.customer.customerId] : []));
  const corrections = parsed.flatMap((p) => (p.event.correctsEventId ? [{ source: p.event.source, eventId: p.event.correctsEventId }] : []));
  const [contractMetrics, corrected] = await Promise.all([loadContractMetrics(db, customerIds), loadCorrectedEvents(db, corrections)]);
  // A correction may arrive in the same batch as the event it corrects.
  if (corrections.length > 0) for (const { event } of parsed) {
    const subject = subjects.get(event.subject);
    const key = subject?.ok ? `${subject.customer.customerId}|${event.source}|${event.eventId}` : undefined;
    if (key && !corrected.has(key)) corrected.set(key, { occurredAt: event.occurredAt });
  }
  const hourAhead = new Map<string, string>();
  const anHourAheadIn = (timeZone: string) => {
    let day = hourAhead.get(timeZone);
    if (day === undefined) hourAhead.set(timeZone, (day = localDateOf(new Date(now.getTime() + HOUR), timeZone)));
    return day;
  };
  const candidates: Candidate[] = [];
  const entitlementChecks: { candidate: Candidate; check: EntitlementCheck }[] = [];
  const seen = new Set<string>();
  const batchDuplicateEntities: string[] = [];
  for (const { index, event } of parsed) {
    const outcome = { index, id: event.eventId, source: event.source };
    const reject = (reason: string) => results.push({ ...outcome, status: 'rejected', reason });
    const subject = subjects.get(event.subject)!;
    if (!subject.ok) { reject(subject.reason); continue; }
    if (!scopeIncludes(input.scope, subject.customer.entityId)) { reject('you may not send usage for this customer\'s legal entity'); continue; }
    const metric = metrics.get(event.type);
    if (!metric) { reject(`unknown metric "${event.type}": create it under /v1/billable-metrics first`); continue; }
    if (!metric.active) { reject(`metric "${event.type}" is inactive`); continue; }
    const property = metric.property ?? 'quantity';
    let quantity = '1';
    if (metric.aggregation === 'sum' || metric.aggregation === 'max' || metric.aggregation === 'latest') {
      const read = readQuantity(event.data[property], property);
      if (!read.ok) { reject(read.reason); continue; }
      quantity = read.quantity;
    } else if (metric.aggregation === 'unique_count') {
      const value = event.data[property];
      if ((typeof value !== 'string' && typeof value !== 'number') || String(value).length === 0) {
        reject(`data.${property} must be a string or number (the value counted once)`);
        continue;
      }
    }
    const key = `${event.source}\u0000${event.eventId}`;
    if (seen.has(key)) { batchDuplicateEntities.push(subject.customer.entityId); results.push({ ...outcome, status: 'duplicate', reason: 'the same source and id appear earlier in this batch' }); continue; }
    seen.add(key);
    // A correction replaces the usage it corrects, so it belongs to that usage's time (and period).
    const original = event.correctsEventId ? corrected.get(`${subject.customer.customerId}|${event.source}|${event.correctsEventId}`)?.occurredAt : undefined;
    if (event.correctsEventId && !original) { reject(`corrects: no earlier event ${event.correctsEventId} from ${event.source} for this customer`); continue; }
    const occurredAt = original ?? event.occurredAt;
    const localDay = localDateOf(occurredAt, subject.customer.timeZone);
    const line = (contractMetrics.get(`${subject.customer.customerId}|${event.type}`) ?? []).find((l) => l.startDate <= localDay && localDay < l.endDate);
    const inContract = line !== undefined;
    const late = subject.customer.usageBilledUntil !== null && occurredAt < subject.customer.usageBilledUntil;
    const flagReason = !subject.customer.active
      ? 'customer is inactive'
      : inContract
        ? null
        : `metric ${event.type} is not in the customer's contract on ${localDay}`;
    candidates.push({
      index,
      event,
      entityId: subject.customer.entityId,
      row: {
        customerId: subject.customer.customerId,
        id: newId(ID_PREFIX.usageEvent),
        source: event.source,
        eventId: event.eventId,
        metricCode: event.type,
        subject: event.subject,
        occurredAt,
        quantity,
        properties: event.data,
        correctsEventId: event.correctsEventId,
        status: flagReason ? 'flagged' : 'accepted',
        flagReason,
        latePending: !flagReason && late,
      },
      // Bill runs bill only windows that have closed, so usage of the current local day (an
      // hour ahead) cannot be in a billed window; usage of an earlier day may be.
      recheck: !flagReason && !late && localDay < anHourAheadIn(subject.customer.timeZone),
    });
    if (!flagReason && line !== undefined && line.includedQuantity !== null) {
      const replaced = original ? corrected.get(`${subject.customer.customerId}|${event.source}|${event.correctsEventId}`) : undefined;
      entitlementChecks.push({
        candidate: candidates.at(-1)!,
        check: {
          customerId: subject.customer.customerId,
          metricCode: event.type,
          timeZone: subject.customer.timeZone,
          localDay,
          line: { ...line, includedQuantity: line.includedQuantity },
          aggregation: metric.aggregation,
          quantity,
          replaces: replaced?.quantity === undefined ? undefined : { quantity: replaced.quantity },
        },
      });
    }
  }
  await holdUsageBeyondEntitlements(db, entitlementChecks);

  const inserted = await inTransaction(db, async (trx) => {
    if (candidates.length === 0) return new Set<string>();
    await markLateUsage(trx, candidates.filter((c) => c.recheck).map((c) => c.row));
    const ids = await insertUsageRows(trx, candidates.map((c) => c.row));
    await recordDuplicateChecks(trx, 'usage_event', [
      ...candidates.map((c) => ({ entityId: c.entityId, duplicate: !ids.has(c.row.id) })),
      ...batchDuplicateEntities.map((entityId) => ({ entityId, duplicate: true })),
    ], now);
    if (ids.size > 0) {
      await recordAudit(trx, ctx, {
        action: 'usage_events.ingested',
        objectType: 'usage_batch',
        objectId: newId('ubt'),
        diff: {
          received: input.events.length,
          stored: ids.size,
          flagged: candidates.filter((c) => ids.has(c.row.id) && c.row.status === 'flagged').length,
          firstEventId: candidates.find((c) => ids.has(c.row.id))?.row.id ?? null,
        },
      });
    }
    return ids;
  });

  for (const c of candidates) {
    const base = { index: c.index, id: c.event.eventId, source: c.event.source };
    if (!inserted.has(c.row.id)) results.push({ ...base, status: 'duplicate', reason: 'already received (same source and id); counted once' });
    else if (c.row.status === 'flagged') results.push({ ...base, status: 'flagged', reason: c.row.flagReason!, usageEventId: c.row.id });
    else results.push({ ...base, status: 'accepted', usageEventId: c.row.id });
  }
  results.sort((a, b) => a.index - b.index);
  const count = (status: UsageEventOutcome['status']) => results.filter((r) => r.status === status).length;
  return { accepted: count('accepted'), flagged: count('flagged'), duplicates: count('duplicate'), rejected: count('rejected'), results };
}

/**
 * Marks back-dated usage that a bill run has already covered as late, deciding under the
 * customers' usage-billing lock (see `lockUsageBilling`) so that a bill run aggregating
 * at the same moment either sees the event or has advanced `usage_billed_until` first.
 */
async function markLateUsage(trx: Db, rows: Candidate['row'][]): Promise<void> {
  if (rows.length === 0) return;
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  await lockUsageBilling(trx, customerIds, 'shared');
  const billed = await selectJsonRows<{ id: string; until: Date }>(
    trx,
    sql`SELECT c.id, c.usage_billed_until AS until FROM ${lookUpEach(customerIds, 'customers', 'id', 'c', sql`c.usage_billed_until IS NOT NULL`)}`,
    { id: 'text', until: 'timestamp' },
  );
  const until = new Map(billed.map((b) => [b.id, b.until]));
  for (const row of rows) {
    const billedUntil = until.get(row.customerId);
    if (billedUntil && row.occurredAt < billedUntil) row.latePending = true;
  }
}

/**
 * Stores the rows, skipping those whose `(source, id)` is already stored, and returns the
 * ids stored. The batch travels as one JSON parameter (`json_to_recordset`) rather than
 * thirteen bound values per event, a fraction of the work for the driver and the server;
 * with one-letter keys and the usual values left out (JSON.stringify drops `undefined`),
 * since at a thousand events a batch the key names were a third of the bytes sent. The ids
 * come back only when some rows were repeats and some not: when all or none were stored,
 * the count says which (sparing the embedded client a thousand rows to decode).
 */
async function insertUsageRows(trx: Db, rows: Candidate['row'][]): Promise<Set<string>> {
  const body = JSON.stringify(
    rows.map((r) => ({
      c: r.customerId,
      i: r.id,
      s: r.source,
      e: r.eventId,
      m: r.metricCode,
      u: r.subject,
      t: r.occurredAt,
      q: r.quantity,
      p: r.properties,
      x: r.correctsEventId ?? undefined,
      f: r.status === 'flagged' ? r.flagReason : undefined,
      l: r.latePending || undefined,
    })),
  );
  const inserted = await sql<{ stored: number; ids: string[] | null }>`
    WITH stored AS (
      INSERT INTO usage_events (customer_id, id, source, event_id, metric_code, subject, occurred_at, quantity, properties, corrects_event_id, status, flag_reason, late_pending)
      SELECT c, i, s, e, m, u, t, q, p, x, CASE WHEN f IS NULL THEN 'accepted' ELSE 'flagged' END, f, coalesce(l, false)
      FROM json_to_recordset(${jsonParam(body)}) AS r(c text, i text, s text, e text, m text, u text, t timestamptz, q numeric, p jsonb, x text, f text, l boolean)
      ON CONFLICT (source, event_id) DO NOTHING
      RETURNING id)
    SELECT count(*)::int AS stored, CASE WHEN count(*) BETWEEN 1 AND ${rows.length - 1} THEN json_agg(id) END AS ids FROM stored`.execute(trx);
  const { stored, ids } = inserted.rows[0]!;
  if (stored === 0) return new Set();
  return new Set(ids ?? rows.map((r) => r.id));
}

/**
 * When each corrected event happened, and the quantity it counts for while accepted,
 * keyed `customer|source|eventId`, looked up by source and id.
 */
async function loadCorrectedEvents(db: Db, corrected: readonly { source: string; eventId: string }[]): Promise<Map<string, { occurredAt: Date; quantity?: string }>> {
  const map = new Map<string, { occurredAt: Date; quantity?: string }>();
  if (corrected.length === 0) return map;
  const rows = await sql<{ customerId: string; source: string; eventId: string; occurredAt: Date; quantity: string; status: string }>`
    SELECT e.customer_id AS "customerId", e.source, e.event_id AS "eventId", e.occurred_at AS "occurredAt", e.quantity, e.status
    FROM unnest(${corrected.map((c) => c.source)}::text[], ${corrected.map((c) => c.eventId)}::text[]) AS p(source, event_id)
    JOIN usage_events e ON e.source = p.source AND e.event_id = p.event_id`.execute(db);
  for (const r of rows.rows) map.set(`${r.customerId}|${r.source}|${r.eventId}`, { occurredAt: r.occurredAt, ...(r.status === 'accepted' ? { quantity: trimDecimal(r.quantity) } : {}) });
  return map;
}

/**
 * Usage beyond a hard entitlement is stored flagged for review, never billed until then
 * (issue #3): the batch is checked in one go (see `checkUsageEntitlements`).
 */
async function holdUsageBeyondEntitlements(db: Db, checks: { candidate: Candidate; check: EntitlementCheck }[]): Promise<void> {
  const verdicts = await checkUsageEntitlements(db, checks.map((c) => c.check));
  checks.forEach(({ candidate }, i) => {
    const reason = verdicts[i];
    if (!reason) return;
    Object.assign(candidate.row, { status: 'flagged', flagReason: reason, latePending: false });
    candidate.recheck = false;
  });
}


async function loadMetrics(db: Db, codes: string[]) {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map<string, { aggregation: string; property: string | null; active: boolean }>();
  const rows = await db.selectFrom('billableMetrics').select(['code', 'aggregation', 'property', 'active']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, r]));
}
