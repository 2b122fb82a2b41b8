import type { UsageSummary } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { date, groupDigits, words } from '../../ui/format.ts';
import { Empty } from '../../ui/states.tsx';

/** Each metric's quantity in the period against the entitlement of the contract line in force. */
export function UsageMetricsTable({ summary }: { summary: UsageSummary }) {
  if (summary.metrics.length === 0) return <Empty>No usage and no usage-priced contract line in this month.</Empty>;
  return (
    <table className="data usage-metrics">
      <caption className="sr-only">Usage per metric</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Period measured</th>
          <th scope="col" className="num">Quantity</th>
          <th scope="col" className="num">Included</th>
          <th scope="col" className="num">Overage</th>
          <th scope="col" className="num">Held for review</th>
          <th scope="col">Contract</th>
        </tr>
      </thead>
      <tbody>
        {summary.metrics.map((m) => (
          <tr key={m.metricCode}>
            <th scope="row">
              {m.metricName}
              <div className="small muted">
                {m.metricCode} · {words(m.aggregation)}
              </div>
            </th>
            <td className="nowrap">
              {date(m.periodStart)} – {date(m.periodEnd)}
            </td>
            <td className="num">
              {groupDigits(m.quantity)} <span className="muted small">{m.unit}</span>
              <div className="small muted">{m.acceptedEvents} events</div>
            </td>
            <td className="num">{m.included === null ? <span className="muted">no allowance</span> : groupDigits(m.included)}</td>
            <td className="num">
              {m.overage === null ? '—' : groupDigits(m.overage)}
              {m.entitlement && m.overage !== null && (
                <div className="small muted">{m.entitlement === 'hard' ? 'beyond it: held for review' : 'beyond it: billed'}</div>
              )}
              {m.overage !== null && m.overage !== '0' && <div><span className={`badge ${m.entitlement === 'hard' ? 'danger' : 'warning'}`}>over entitlement</span></div>}
            </td>
            <td className="num">{m.flaggedEvents > 0 ? <span className="badge warning">{m.flaggedEvents}</span> : '0'}</td>
            <td>
              {m.contractId ? (
                <>
                  <Link to={`/contracts/${m.contractId}`}>{m.contractNumber}</Link>
                  <div className="small muted">line {m.lineKey}</div>
                </>
              ) : (
                <span className="muted">not in a contract: its events are held</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
