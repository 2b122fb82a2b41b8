import { useEffect } from 'react';
import type { ConnectorKind, ConnectorStatus, ErpConnection, ErpMappingContent, ReleaseRecord, ReleaseSummary } from '../../api/types.ts';
import { useApi, type ApiState } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { dateTime, relative } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { releasePath } from '../rules/release-kinds.tsx';

/** How often the cards refresh by themselves: a circuit opens and closes within a minute. */
const REFRESH_MS = 30_000;

const HEALTH: Record<ConnectorStatus['health'], { word: string; tone: string; meaning: string }> = {
  healthy: { word: 'healthy', tone: 'success', meaning: 'Posting normally.' },
  degraded: { word: 'degraded', tone: 'warning', meaning: 'Recent calls failed. The circuit is still closed, so postings are retried with backoff.' },
  circuit_open: { word: 'circuit open', tone: 'danger', meaning: 'Too many failures in a row: no calls until the next probe. Documents wait in the queue and drain in order once the ERP answers again.' },
  disabled: { word: 'disabled', tone: 'muted', meaning: 'The connection is disabled: its documents wait until it is enabled.' },
};

const CIRCUIT: Record<ConnectorStatus['circuit'], string> = {
  closed: 'closed: calls go through',
  open: 'open: calls are paused',
  half_open: 'half open: a probe call tests whether the ERP is back',
};

/** A time with how long ago (or how soon) it is, or "never". */
function when(iso: string | null, never = 'never'): string {
  if (!iso) return never;
  return `${dateTime(iso)} (${Math.abs(new Date(iso).getTime() - Date.now()) < 60_000 ? 'just now' : relative(iso)})`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the erp_mapping in force holds for a connection, in a few words, with a link to it. */
function MappingFact({ name, inForce, content }: { name: string; inForce: ReleaseSummary | undefined; content: ErpMappingContent | undefined }) {
  const tables = content?.connections[name];
  if (inForce && tables) {
    const counts = [plural(Object.keys(tables.entities).length, 'entity', 'entities'), plural(Object.keys(tables.accounts).length, 'account'), plural(Object.keys(tables.taxCodes).length, 'tax code')];
    return (
      <>
        <Link to={`/rules/erp_mapping/${inForce.version}`}>ERP mapping v{inForce.version}</Link> in force: {counts.join(', ')}
      </>
    );
  }
  if (inForce && !content) return <>…</>;
  return (
    <span className="error-text">
      No ERP mapping in force for this connection: its documents are held (master data) until one is published. <Link to="/rules?kind=erp_mapping">ERP mappings</Link>
    </span>
  );
}

/** One connection's card: health in words, circuit, failures, last error, next probe, queue and dead letters. */
function ConnectorCard({ status, connection, kindName, mapping }: {
  status: ConnectorStatus;
  connection: ErpConnection | undefined;
  kindName: string;
  mapping: { inForce: ReleaseSummary | undefined; content: ErpMappingContent | undefined } | null;
}) {
  const entityCode = useEntityCode();
  const health = HEALTH[status.health];
  const id = `connector-${status.connection}`;
  return (
    <li className="card connector" aria-labelledby={id}>
      <h3 id={id}>
        {status.connection} <span className="muted small">{kindName}</span> <span className={`badge ${health.tone}`}>{health.word}</span>
      </h3>
      <p className="small">{health.meaning}</p>
      <dl className="pairs">
        <dt>Circuit</dt>
        <dd>{CIRCUIT[status.circuit]}</dd>
        <dt>Consecutive failures</dt>
        <dd>
          {status.consecutiveFailures}
          {connection ? <span className="muted"> (the circuit opens at {connection.breakerThreshold})</span> : null}
        </dd>
        <dt>Last error</dt>
        <dd className={status.lastError ? 'error-text' : undefined}>
          {status.lastError ?? 'none'}
          {status.lastError && status.lastFailureAt && <span className="muted"> — {when(status.lastFailureAt)}</span>}
        </dd>
        <dt>Next probe</dt>
        <dd>{status.circuit === 'closed' ? 'not needed while the circuit is closed' : when(status.nextProbeAt, 'not scheduled')}</dd>
        <dt>Last success</dt>
        <dd>{when(status.lastSuccessAt)}</dd>
        <dt>Waiting to be posted</dt>
        <dd>
          {plural(status.queueDepth, 'document')}
          {status.oldestWaitingSince && <span className="muted">, the oldest waiting since {when(status.oldestWaitingSince)}</span>}
        </dd>
        <dt>Dead letters</dt>
        <dd className={status.deadLetters > 0 ? 'error-text' : undefined}>{status.deadLetters > 0 ? `${plural(status.deadLetters, 'posting')} gave up, waiting for a replay` : 'none'}</dd>
        <dt>Posts for</dt>
        <dd>{connection?.entityIds ? connection.entityIds.map(entityCode).join(', ') : 'every entity without a connection of its own'}</dd>
        {mapping && (
          <>
            <dt>Mapping</dt>
            <dd>
              <MappingFact name={status.connection} inForce={mapping.inForce} content={mapping.content} />
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

/**
 * Is each ERP connection working: one card per connection with its health in words, the
 * circuit, failures, the last error, when it is probed next, the documents waiting for it
 * and its dead letters. Refreshes every 30 seconds and on demand.
 */
export function ConnectorHealth({ status }: { status: ApiState<{ data: ConnectorStatus[] }> }) {
  const { can } = useSession();
  const { reload } = status;
  const any = (status.data?.data.length ?? 0) > 0;
  const connections = useApi<{ data: ErpConnection[] }>(any ? '/v1/integrations/connections' : null);
  const kinds = useApi<{ data: ConnectorKind[] }>(any ? '/v1/integrations/connectors' : null);
  const releases = useApi<{ data: ReleaseSummary[] }>(any && can('controls:read') ? releasePath('erp_mapping') : null);
  const inForce = releases.data?.data.find((r) => r.state === 'in_force');
  const mapping = useApi<ReleaseRecord>(inForce ? releasePath('erp_mapping', inForce.version) : null);

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  return (
    <section aria-labelledby="connectors-title" aria-busy={status.loading}>
      <div className="section-head">
        <h2 id="connectors-title">Connector health</h2>
        <button type="button" className="secondary" onClick={reload}>
          Refresh
        </button>
      </div>
      {status.error && <ErrorNotice error={status.error} retry={reload} title="The connector health could not be loaded." />}
      {!status.data && status.loading && <Loading what="connector health" />}
      {status.data && status.data.data.length === 0 && (
        <Empty>
          No ERP connection is configured, so approved documents post to the built-in ledger. To post to an ERP, set up a connection as <code>docs/erp-connectors.md</code> describes — or try one
          against a local simulator first with <code>invoiceops sandbox erp netsuite</code>.
        </Empty>
      )}
      {status.data && status.data.data.length > 0 && (
        <ul className="connectors">
          {status.data.data.map((s) => (
            <ConnectorCard
              key={s.connection}
              status={s}
              connection={connections.data?.data.find((c) => c.name === s.connection)}
              kindName={kinds.data?.data.find((k) => k.kind === s.kind)?.displayName ?? s.kind}
              mapping={releases.data ? { inForce, content: mapping.data?.content as ErpMappingContent | undefined } : null}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
