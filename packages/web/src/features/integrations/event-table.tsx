import type { IntegrationEvent } from '../../api/types.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { dateTime, money, words } from '../../ui/format.ts';

const OUTCOME_TONE: Record<IntegrationEvent['outcome'], string> = { posted: 'success', already_posted: 'info', failed: 'danger', retrying: 'warning', dead: 'danger' };

/** An integration event's outcome as a coloured word. */
export function OutcomeBadge({ outcome }: { outcome: IntegrationEvent['outcome'] }) {
  return <span className={`badge ${OUTCOME_TONE[outcome]}`}>{words(outcome)}</span>;
}

/** Posting attempts: when, which document, connector, attempt, outcome, the ERP's id or its error in words. */
export function EventTable({ events, showDocument = true, caption }: { events: IntegrationEvent[]; showDocument?: boolean; caption: string }) {
  const entityCode = useEntityCode();
  return (
    <table className="data compact">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          {showDocument && <th scope="col">Document</th>}
          <th scope="col">Connector</th>
          <th scope="col" className="num">Attempt</th>
          <th scope="col">Outcome</th>
          <th scope="col">ERP document / error</th>
          <th scope="col" className="num">Latency</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td className="nowrap">{dateTime(e.at)}</td>
            {showDocument && (
              <td>
                <Link to={`/invoices/${e.documentId}`}>{e.documentNumber ?? e.documentId}</Link>
                <div className="muted small">
                  {words(e.documentType)} · {entityCode(e.entityId)}
                  {e.amount && e.currency ? ` · ${money(e.amount, e.currency)}` : ''}
                </div>
              </td>
            )}
            <td>
              {e.connector} <span className="muted small">{words(e.operation)}</span>
            </td>
            <td className="num">{e.attempt}</td>
            <td>
              <OutcomeBadge outcome={e.outcome} />
            </td>
            <td className="small">
              {e.erpDocumentId && <code>{e.erpDocumentId}</code>}
              {e.errorMessage && (
                <div className="error-text">
                  {e.errorCode ? `${e.errorCode}: ` : ''}
                  {e.errorMessage}
                  {e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}
                </div>
              )}
              <div className="muted">external id {e.externalId}</div>
            </td>
            <td className="num">{e.latencyMs} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
