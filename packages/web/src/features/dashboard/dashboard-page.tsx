import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { MetricSeries, MetricsSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { EntitySelect } from '../../app/entities.tsx';
import { duration, groupDigits, isoDay, percent, words } from '../../ui/format.ts';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { CycleStages } from './cycle-stages.tsx';
import { StpChart } from './stp-chart.tsx';

/** Is the automation working: the finance-operations metrics over a period, per entity or all. */
export function DashboardPage() {
  const [period, setPeriod] = useState({ from: isoDay(-29), to: isoDay(0), entityId: '' });
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  const valid = period.from !== '' && period.to !== '' && days >= 1;
  const params = query(period);
  const summary = useApi<MetricsSummary>(valid ? `/v1/metrics/summary${params}` : null);
  const series = useApi<MetricSeries>(valid ? `/v1/metrics/straight-through-rate/series${query({ ...period, interval: days > 90 ? 'week' : 'day' })}` : null);
  const s = summary.data;

  return (
    <>
      <header className="page-header">
        <h1>Dashboard</h1>
        <form className="filters" aria-label="Period" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="d-from">From</label>
            <input id="d-from" type="date" value={period.from} max={period.to} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="d-to">To</label>
            <input id="d-to" type="date" value={period.to} min={period.from} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="d-entity">Entity</label>
            <EntitySelect id="d-entity" value={period.entityId} onChange={(entityId) => setPeriod({ ...period, entityId })} />
          </div>
        </form>
      </header>
      {!valid && <p className="state error" role="alert">Choose a period whose end is not before its start.</p>}
      {summary.error && <ErrorNotice error={summary.error} retry={summary.reload} title="The metrics could not be loaded." />}
      {!s && summary.loading && <Loading what="metrics" />}
      {s && (
        <div className="cards" aria-busy={summary.loading}>
          <Card title="Straight-through rate" value={percent(s.straightThrough.rate)} detail={`${s.straightThrough.straightThrough} of ${s.straightThrough.reachedApproved} approved untouched`} />
          <Card title="Exception rate" value={percent(s.exceptionRate.rate)} detail={`${s.exceptionRate.withExceptions} of ${s.exceptionRate.validated} validated documents`} />
          <Card title="Approval SLA adherence" value={percent(s.approvals.slaAdherence)} detail={`${s.approvals.stepsDecidedInTime} of ${s.approvals.steps.documents} steps in time · ${s.approvals.overdue} overdue now`} />
          <Card title="Duplicates prevented" value={String(s.duplicatesPrevented.prevented)} detail={`${s.duplicatesPrevented.usageEvents.duplicates} usage events · ${s.duplicatesPrevented.documents.prevented} documents`} />
          <Card title="Cycle time to approved" value={duration(s.cycleTime.toApproved.medianSeconds)} detail={`median · p90 ${duration(s.cycleTime.toApproved.p90Seconds)} · ${s.cycleTime.toApproved.documents} documents`} />
          <Card title="Posting failure rate" value={percent(s.postingFailures.rate)} detail={`${s.postingFailures.failed} of ${s.postingFailures.attempts} attempts`} />
          <Card title="Billing error rate" value={percent(s.billingAccuracy.rate)} detail={`${s.billingAccuracy.billingErrorCreditMemos} corrective credit memos of ${s.billingAccuracy.invoicesFinalized} invoices`} />
          <Card
            title="DSO"
            value={s.dso.results[0] ? `${s.dso.results[0].dso ?? '—'} days` : '—'}
            detail={s.dso.results.length === 0 ? 'no credit sales in the period' : s.dso.results.map((r) => `${r.currency} ${r.dso ?? '—'}`).join(' · ')}
          />
        </div>
      )}
      <section aria-labelledby="stp-title">
        <h2 id="stp-title">Straight-through rate over time</h2>
        {series.error && <ErrorNotice error={series.error} retry={series.reload} title="The series could not be loaded." />}
        {!series.data && series.loading && <Loading what="the series" />}
        {series.data && <StpChart series={series.data} />}
      </section>
      {s && (
        <div className="two-columns">
          <section aria-labelledby="by-category-title">
            <h2 id="by-category-title">Exceptions by category</h2>
            <Breakdown rows={s.exceptionRate.byCategory} />
          </section>
          <section aria-labelledby="by-source-title">
            <h2 id="by-source-title">Exceptions by source system</h2>
            <Breakdown rows={s.exceptionRate.bySourceSystem} />
          </section>
          <section aria-labelledby="cycle-title">
            <h2 id="cycle-title">Cycle time by stage</h2>
            <p id="cycle-note" className="muted small">
              Median time in each state (p90 · documents), for documents approved or posted in the period.
            </p>
            <CycleStages cycleTime={s.cycleTime} />
          </section>
          <section aria-labelledby="aging-title">
            <h2 id="aging-title">AR aging on {s.arAging.asOf}</h2>
            <table className="data compact">
              <thead>
                <tr>
                  {['Currency', 'Current', '1–30', '31–60', '61–90', '90+', 'Total'].map((h) => (
                    <th key={h} scope="col" className={h === 'Currency' ? undefined : 'num'}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {s.arAging.totals.map((t) => (
                  <tr key={t.currency}>
                    <th scope="row">{t.currency}</th>
                    {[t.current, t.days1To30, t.days31To60, t.days61To90, t.over90, t.total].map((v, i) => (
                      <td key={i} className="num">
                        {groupDigits(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </>
  );
}

function Card({ title, value, detail }: { title: string; value: string; detail: string }) {
  return (
    <div className="card metric">
      <h3>{title}</h3>
      <div className="value">{value}</div>
      <div className="muted small">{detail}</div>
    </div>
  );
}

function Breakdown({ rows }: { rows: Record<string, { documents: number; exceptions: number; rate: string | null }> }) {
  const entries = Object.entries(rows).sort((a, b) => b[1].exceptions - a[1].exceptions);
  if (entries.length === 0) return <p className="muted">No exceptions in this period.</p>;
  const max = Math.max(...entries.map(([, r]) => r.exceptions));
  return (
    <ul className="bars">
      {entries.map(([name, r]) => (
        <li key={name}>
          <span className="bar-label">{words(name)}</span>
          <span className="bar" style={{ width: `${(r.exceptions / max) * 100}%` }} aria-hidden="true" />
          <span className="bar-value">
            {r.exceptions} ({percent(r.rate)} of documents)
          </span>
        </li>
      ))}
    </ul>
  );
}
