import type { Contract, ContractAmendment, ScheduleLine } from '../../api/types.ts';
import { date, dateTime, words } from '../../ui/format.ts';
import { describeCharge } from './describe-charge.ts';
import { endReason, versionHistory } from './version-changes.ts';

/**
 * Every line of the contract with every version of it, oldest first: from when to when it
 * applied, quantity and price, what changed against the version before, and who amended
 * it (the versions are never rewritten, so this is the amendment history per line).
 */
export function ContractLines({ contract, amendments, scheduleLines }: { contract: Contract; amendments: ContractAmendment[]; scheduleLines: ScheduleLine[] | undefined }) {
  const history = versionHistory(contract.lines, amendments, contract.currency);
  const nameOf = (key: string) => scheduleLines?.find((l) => l.key === key)?.productName;
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">Lines and versions</h2>
      {[...history].map(([key, rows]) => {
        const latest = rows[rows.length - 1]!.version;
        const headingId = `line-${key}`;
        return (
          <div key={key} className="contract-line">
            <h3 id={headingId}>
              {nameOf(key) ?? key} <span className="muted small">line {key} · {words(latest.kind)}{latest.metricCode ? ` · metric ${latest.metricCode}` : ''}</span>
            </h3>
            <table className="data compact" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">Until</th>
                  <th scope="col" className="num">Quantity</th>
                  <th scope="col">Price</th>
                  <th scope="col">Change</th>
                  <th scope="col">Amended by</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ version, change, amendment }, i) => {
                  const ended = endReason(version, rows[i + 1]?.version, contract.endDate);
                  return (
                    <tr key={version.id}>
                      <td className="nowrap">{date(version.startDate)}</td>
                      <td className="nowrap">
                        {date(version.endDate)} <span className="muted small">(exclusive)</span>
                        {ended && <div className="small">{ended}</div>}
                      </td>
                      <td className="num">{version.quantity}</td>
                      <td>{describeCharge(version.charge, contract.currency)}</td>
                      <td>{change}</td>
                      <td>
                        {amendment ? (
                          <>
                            {amendment.actorName}
                            <div className="small muted">
                              {words(amendment.kind)}, effective {date(amendment.effectiveDate)}, recorded {dateTime(amendment.createdAt)}
                            </div>
                            {amendment.reason && <div className="small">Reason: {amendment.reason}</div>}
                          </>
                        ) : (
                          <span className="muted">original contract</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

/** Every amendment of the contract, oldest first (a cancellation has no new line version, so it is listed here). */
export function AmendmentList({ amendments }: { amendments: ContractAmendment[] }) {
  return (
    <section aria-labelledby="amendments-title">
      <h2 id="amendments-title">Amendments</h2>
      {amendments.length === 0 ? (
        <p className="state empty">No amendments: the contract is as it was signed.</p>
      ) : (
        <table className="data compact">
          <caption className="sr-only">Amendments, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Effective</th>
              <th scope="col">Change</th>
              <th scope="col">Reason</th>
              <th scope="col">By</th>
              <th scope="col">Recorded</th>
            </tr>
          </thead>
          <tbody>
            {amendments.map((a) => (
              <tr key={a.id}>
                <td className="nowrap">{date(a.effectiveDate)}</td>
                <td>{words(a.kind)}</td>
                <td>{a.reason ?? '—'}</td>
                <td>{a.actorName}</td>
                <td>{dateTime(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
