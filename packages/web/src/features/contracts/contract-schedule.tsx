import type { ContractSchedule } from '../../api/types.ts';
import { date, money, words } from '../../ui/format.ts';

/** "2026-11" → "Nov 2026". */
export function monthLabel(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The billing schedule from today: for each line, the periods the coming bill runs will
 * bill, with the run, the day it becomes billable and the amount (usage: in arrears, per
 * usage), and the known amount per run.
 */
export function ContractScheduleTable({ schedule }: { schedule: ContractSchedule }) {
  const currency = schedule.currency;
  return (
    <>
      <p className="subtitle">
        As of {date(schedule.asOf)} in {schedule.timeZone}: billed {words(schedule.billingFrequency)}, {words(schedule.billingTiming)}; the term ends {date(schedule.termEnd)}
        {schedule.autoRenew ? ' and renews automatically' : ''}.
      </p>
      {schedule.billRuns.length > 0 && (
        <dl className="sim-counts" aria-label="Amount per bill run">
          {schedule.billRuns.map((run) => (
            <div key={run.period}>
              <dt>Bill run {monthLabel(run.period)}</dt>
              <dd>{money(run.amount, currency)}</dd>
            </div>
          ))}
        </dl>
      )}
      <table className="data compact schedule">
        <caption className="sr-only">Billing schedule per line</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Service period</th>
            <th scope="col">Bill run</th>
            <th scope="col">Billable from</th>
            <th scope="col">What</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        {schedule.lines.map((line) => (
          <tbody key={line.key}>
            {line.entries.length === 0 && (
              <tr>
                <th scope="row">{line.productName}</th>
                <td colSpan={5} className="muted">
                  {line.note ?? 'Nothing to bill.'}
                </td>
              </tr>
            )}
            {line.entries.map((entry, i) => (
              <tr key={`${entry.billRunPeriod}-${entry.kind}-${entry.serviceStart}-${i}`}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={line.entries.length}>
                    {line.productName}
                    <div className="small muted">line {line.key}</div>
                    {line.note && <div className="small muted">{line.note}</div>}
                  </th>
                )}
                <td className="nowrap">
                  {entry.serviceStart === entry.serviceEnd ? date(entry.serviceStart) : `${date(entry.serviceStart)} – ${date(entry.serviceEnd)}`}
                </td>
                <td className="nowrap">{monthLabel(entry.billRunPeriod)}</td>
                <td className="nowrap">{date(entry.billingDate)}</td>
                <td>{entry.kind === 'usage' ? 'In arrears, per usage' : entry.description}</td>
                <td className="num">{entry.amount === null ? '—' : money(entry.amount, currency)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </>
  );
}
