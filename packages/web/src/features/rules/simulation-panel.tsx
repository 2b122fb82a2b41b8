import { useState } from 'react';
import { api, ApiError, query } from '../../api/client.ts';
import type { ReleaseSimulation, SimulatedChange } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useActorName } from '../../app/actors.tsx';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { dateTime, money, words } from '../../ui/format.ts';
import { Empty, ErrorNotice } from '../../ui/states.tsx';
import { releasePath } from './release-kinds.tsx';

const CHANGE_LABEL: Record<SimulatedChange['change'], { text: string; tone: string }> = {
  newly_blocked: { text: 'newly blocked', tone: 'danger' },
  newly_passing: { text: 'newly passing', tone: 'success' },
  route_changed: { text: 'route changed', tone: 'info' },
  rules_changed: { text: 'other rules fail', tone: 'warning' },
};

function side(decision: SimulatedChange['before']): string {
  const rules = decision.blockingRules.length > 0 ? ` by ${decision.blockingRules.join(', ')}` : '';
  return `${words(decision.outcome)}${decision.outcome === 'blocked' ? rules : ''}${decision.routeId && decision.outcome !== 'blocked' ? ` (route ${decision.routeId})` : ''}`;
}

/**
 * Decide the recent documents with this version and with the one in force, and list the
 * documents whose outcome would change. Every run is stored: on opening, the panel shows
 * the last one (who ran it, when, on which revision) until a new one is run.
 */
export function SimulationPanel({ kind, version, revision }: { kind: string; version: number; revision: number }) {
  const [days, setDays] = useState(30);
  const [ran, setRan] = useState<ReleaseSimulation | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const entityCode = useEntityCode();
  const name = useActorName();
  // The stored runs, newest first, then the last one in full (none: never simulated). A
  // failure to load them only means the last run is not shown.
  const runs = useApi<{ data: { id: string }[] }>(releasePath(kind, version, '/simulations'));
  const lastId = runs.data?.data[0]?.id;
  const stored = useApi<ReleaseSimulation>(lastId ? releasePath(kind, version, `/simulations/${lastId}`) : null);
  const result = ran ?? stored.data ?? null;

  const simulate = async () => {
    setBusy(true);
    setError(null);
    try {
      setRan(await api<ReleaseSimulation>(releasePath(kind, version, `/simulate${query({ days })}`), { method: 'POST' }));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(String(failure), 0, null));
    } finally {
      setBusy(false);
    }
  };

  const c = result?.counts;
  return (
    <section aria-labelledby="simulation-title">
      <h2 id="simulation-title">Simulation</h2>
      <div className="inline-form">
        <label htmlFor="sim-days">Documents created in the last</label>
        <input id="sim-days" type="number" min={1} max={366} value={days} onChange={(e) => setDays(Math.min(366, Math.max(1, Number(e.target.value) || 30)))} className="narrow" />
        <span>days</span>
        <button type="button" className="secondary" disabled={busy} onClick={() => void simulate()}>
          {busy ? 'Simulating…' : 'Simulate'}
        </button>
      </div>
      {error && <ErrorNotice error={error} title="The simulation could not run." />}
      {result && c && (
        <div className="simulation" aria-busy={busy}>
          <p role="status">
            Compared with {result.inForceVersion ? `v${result.inForceVersion} in force` : 'no version in force'} on {c.documents} documents created since {dateTime(result.from)}: {c.changed} would change.
          </p>
          <p className="muted small sim-run">
            Simulated by {name(result.simulatedBy)}, {dateTime(result.simulatedAt)}, on revision {result.revision}
            {result.revision !== revision ? ` — the draft has changed since (revision ${revision}); simulate again before publishing.` : '.'}
          </p>
          <dl className="sim-counts">
            <div><dt>Newly blocked</dt><dd>{c.newlyBlocked}</dd></div>
            <div><dt>Newly passing</dt><dd>{c.newlyPassing}</dd></div>
            <div><dt>Route changed</dt><dd>{c.routeChanged}</dd></div>
            <div><dt>Other rules fail</dt><dd>{c.rulesChanged}</dd></div>
            <div><dt>Skipped</dt><dd>{c.skipped}</dd></div>
          </dl>
          {result.changes.length === 0 && <Empty>No document would change outcome with this version.</Empty>}
          {result.changes.length > 0 && (
            <div className="table-scroll">
            <table className="data compact">
              <caption className="sr-only">Documents whose outcome would change</caption>
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Customer</th>
                  <th scope="col" className="num">Total</th>
                  <th scope="col">Change</th>
                  <th scope="col">Now</th>
                  <th scope="col">With this version</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {result.changes.map((d) => (
                  <tr key={d.documentId}>
                    <td>
                      <Link to={`/invoices/${d.documentId}`}>{d.documentNumber ?? d.documentId}</Link>
                      <div className="muted small">{words(d.documentType)} · {entityCode(d.entityId)}</div>
                    </td>
                    <td>{d.partyName}</td>
                    <td className="num">{money(d.total, d.currency)}</td>
                    <td>
                      <span className={`badge ${CHANGE_LABEL[d.change].tone}`}>{CHANGE_LABEL[d.change].text}</span>
                    </td>
                    <td className="small">{side(d.before)}</td>
                    <td className="small">{side(d.after)}</td>
                    <td className="small">{d.rules.map((r) => r.message ?? r.ruleId).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
          {result.truncated && <p className="muted small">More documents changed than are listed; the counts cover them all.</p>}
          {result.skipped.length > 0 && (
            <p className="muted small">Skipped: {result.skipped.map((s) => `${s.documentId} (${s.reason})`).join('; ')}</p>
          )}
        </div>
      )}
    </section>
  );
}
