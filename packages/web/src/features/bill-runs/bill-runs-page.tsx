import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, query } from '../../api/client.ts';
import type { BillRun } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { EntitySelect, useEntityCode } from '../../app/entities.tsx';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { dateTime } from '../../ui/format.ts';
import { entitiesWith } from '../../session/permissions.ts';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, FormError, Loading } from '../../ui/states.tsx';

/** Last month, YYYY-MM: the month a bill run usually bills. */
function lastMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** Start a bill run for a month, then watch it: progress, invoices written, customers it could not bill. */
export function BillRunsPage() {
  const { search } = useLocation();
  const runId = search.get('run');
  // A user who may bill some entities only picks one of them; "every entity" is not theirs to bill.
  const { me } = useSession();
  const billable = entitiesWith(me, 'invoices:write');
  const only = billable === 'all' ? undefined : billable;
  const [form, setForm] = useState({ period: lastMonth(), entityId: only?.[0] ?? '', finalize: true });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const run = await api<BillRun>('/v1/bill-runs', { method: 'POST', body: { period: form.period, finalize: form.finalize, ...(form.entityId ? { entityId: form.entityId } : {}) } });
      navigate(`/bill-runs${query({ run: run.id })}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <header className="page-header">
        <h1>Bill runs</h1>
      </header>
      <form className="card start-run" onSubmit={(e) => void start(e)} aria-labelledby="start-title">
        <h2 id="start-title">Start a bill run</h2>
        <p className="muted small">Drafts at most one invoice per customer, month and currency; customers already billed for the month are skipped, so starting again is safe.</p>
        <div className="filters">
          <div className="field">
            <label htmlFor="b-period">Month</label>
            <input id="b-period" type="month" required value={form.period} onChange={(e) => setForm({ ...form, period: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="b-entity">Entity</label>
            <EntitySelect id="b-entity" value={form.entityId} {...(only ? { only } : {})} onChange={(entityId) => setForm({ ...form, entityId })} />
          </div>
          <div className="field checkbox">
            <input id="b-finalize" type="checkbox" checked={form.finalize} onChange={(e) => setForm({ ...form, finalize: e.target.checked })} />
            <label htmlFor="b-finalize">Submit the invoices to the controls (finalize) as they are written</label>
          </div>
        </div>
        <button type="submit" disabled={busy || !form.period}>
          {busy ? 'Starting…' : 'Start bill run'}
        </button>
        <FormError message={error} />
      </form>
      {runId && <BillRunProgress id={runId} />}
    </>
  );
}

function BillRunProgress({ id }: { id: string }) {
  const run = useApi<BillRun>(`/v1/bill-runs/${encodeURIComponent(id)}`);
  const entityCode = useEntityCode();
  const running = run.data?.status === 'running';
  const { reload } = run;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(reload, 1000);
    return () => window.clearInterval(timer);
  }, [running, reload]);

  if (run.error) return <ErrorNotice error={run.error} retry={run.reload} title="The bill run could not be loaded." />;
  if (!run.data) return <Loading what="the bill run" />;
  const r = run.data;
  const share = r.customersTotal === 0 ? (r.status === 'running' ? 0 : 1) : r.customersDone / r.customersTotal;
  return (
    <section aria-labelledby="run-title" className="card">
      <h2 id="run-title">
        Bill run {r.period} {r.entityId ? `for ${entityCode(r.entityId)}` : 'for every entity'}: <span className={`badge ${r.status === 'failed' ? 'danger' : r.status === 'running' ? 'info' : 'success'}`}>{r.status}</span>
      </h2>
      <progress max={1} value={share} aria-label="Customers billed">
        {Math.round(share * 100)} %
      </progress>
      <p aria-live="polite">
        {r.customersDone} of {r.customersTotal} customers · {r.invoicesCreated} invoices written · started {dateTime(r.startedAt)}
        {r.finishedAt && ` · finished ${dateTime(r.finishedAt)}`}
        {r.status === 'running' && r.customersTotal === 0 && ' · waiting for a worker to pick it up'}
      </p>
      <p>
        <Link to={`/invoices${query({ billRunId: r.id })}`}>See the invoices of this run</Link>
      </p>
      {r.errors.length > 0 && (
        <>
          <h3>Customers it could not bill ({r.errors.length})</h3>
          <ul className="small">
            {r.errors.map((e) => (
              <li key={e.customerId}>
                <code>{e.customerId}</code>: {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
