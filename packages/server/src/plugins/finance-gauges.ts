import type { FastifyBaseLogger } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import { ALL_ENTITIES, getMetricsSummary, type Db, type MetricsSummary } from '@invoiceops/core';

/** How long one computation of the finance gauges is served before a scrape recomputes it. */
export const FINANCE_GAUGES_TTL_MS = 5 * 60_000;
/** The trailing window the gauges cover: the last 30 UTC days, today included. */
export const FINANCE_GAUGES_WINDOW_DAYS = 30;

interface Snapshot {
  at: Date;
  byEntity: { entityId: string; summary: MetricsSummary }[];
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const num = (rate: string | null) => (rate === null ? undefined : Number(rate));

/**
 * Finance-operations gauges (docs/metrics.md, "Prometheus"), per legal entity over the
 * last 30 days. Computed on scrape, not on a timer: the first scrape after the cache
 * expires (5 minutes) runs the summary once per entity and every scrape meanwhile is
 * served from memory, so an unscraped server does no work and a busy scraper costs at most
 * one computation per 5 minutes. Concurrent scrapes share one computation. A figure with
 * no denominator (null) is left out rather than exported as NaN. If a computation fails
 * the last good values stay, and `invoiceops_finance_metrics_computed_timestamp_seconds`
 * shows how old they are.
 */
export function registerFinanceGauges(registry: Registry, db: Db, log?: FastifyBaseLogger, ttlMs = FINANCE_GAUGES_TTL_MS): void {
  let snapshot: Snapshot | undefined;
  let pending: Promise<Snapshot | undefined> | undefined;

  async function compute(): Promise<Snapshot> {
    const now = new Date();
    const to = day(now.getTime());
    const from = day(now.getTime() - (FINANCE_GAUGES_WINDOW_DAYS - 1) * DAY_MS);
    const entities = await db.selectFrom('legalEntities').select('id').orderBy('id').execute();
    const byEntity: Snapshot['byEntity'] = [];
    for (const { id } of entities) byEntity.push({ entityId: id, summary: await getMetricsSummary(db, { from, to, entityId: id }, ALL_ENTITIES, now) });
    return { at: now, byEntity };
  }

  function current(): Promise<Snapshot | undefined> {
    if (snapshot && Date.now() - snapshot.at.getTime() < ttlMs) return Promise.resolve(snapshot);
    pending ??= compute()
      .then((fresh) => (snapshot = fresh))
      .catch((error: unknown) => {
        log?.warn({ err: error }, 'finance metrics gauges could not be computed; serving the last values');
        return snapshot;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: Snapshot) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await current();
        this.reset();
        if (s) fill(this, s);
      },
    });
  const perEntity = (pick: (summary: MetricsSummary) => number | undefined) => (g: Gauge, s: Snapshot) => {
    for (const { entityId, summary } of s.byEntity) {
      const value = pick(summary);
      if (value !== undefined) g.set({ entity_id: entityId }, value);
    }
  };

  gauge('invoiceops_finance_metrics_computed_timestamp_seconds', 'When the finance gauges were last computed', [], (g, s) => g.set(s.at.getTime() / 1000));
  gauge('invoiceops_straight_through_rate', 'Share of documents approved with no human touch, last 30 days', ['entity_id'], perEntity((m) => num(m.straightThrough.rate)));
  gauge('invoiceops_exception_rate', 'Share of documents validated that got at least one exception, last 30 days', ['entity_id'], perEntity((m) => num(m.exceptionRate.rate)));
  gauge('invoiceops_cycle_time_seconds', 'Creation to first approved / posted, median and p90, last 30 days', ['entity_id', 'to', 'quantile'], (g, s) => {
    for (const { entityId, summary } of s.byEntity) {
      for (const [to, figure] of [['approved', summary.cycleTime.toApproved], ['posted', summary.cycleTime.toPosted]] as const) {
        if (figure.medianSeconds !== null) g.set({ entity_id: entityId, to, quantile: '0.5' }, figure.medianSeconds);
        if (figure.p90Seconds !== null) g.set({ entity_id: entityId, to, quantile: '0.9' }, figure.p90Seconds);
      }
    }
  });
  gauge('invoiceops_approval_turnaround_seconds', 'Approval request to decision, median and p90, last 30 days', ['entity_id', 'quantile'], (g, s) => {
    for (const { entityId, summary } of s.byEntity) {
      const { medianSeconds, p90Seconds } = summary.approvals.requests;
      if (medianSeconds !== null) g.set({ entity_id: entityId, quantile: '0.5' }, medianSeconds);
      if (p90Seconds !== null) g.set({ entity_id: entityId, quantile: '0.9' }, p90Seconds);
    }
  });
  gauge('invoiceops_approval_sla_adherence', 'Share of approval steps decided by their due time, last 30 days', ['entity_id'], perEntity((m) => num(m.approvals.slaAdherence)));
  gauge('invoiceops_approval_steps_overdue', 'Approval steps open past their due time now', ['entity_id'], perEntity((m) => m.approvals.overdue));
  gauge('invoiceops_duplicates_prevented', 'Duplicate usage events refused plus duplicate documents voided or credited, last 30 days', ['entity_id'], perEntity((m) => m.duplicatesPrevented.prevented));
  gauge('invoiceops_posting_failure_rate', 'Share of posting attempts the ERP refused, last 30 days', ['entity_id'], perEntity((m) => num(m.postingFailures.rate)));
  gauge('invoiceops_billing_error_rate', 'Billing-error credit memos per invoice finalized, last 30 days', ['entity_id'], perEntity((m) => num(m.billingAccuracy.rate)));
  gauge('invoiceops_dso_days', 'Days sales outstanding over the last 30 days, per currency', ['entity_id', 'currency'], (g, s) => {
    for (const { entityId, summary } of s.byEntity) {
      for (const r of summary.dso.results) if (r.dso !== null) g.set({ entity_id: entityId, currency: r.currency }, Number(r.dso));
    }
  });
}
