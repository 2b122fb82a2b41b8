import type { Contract } from '../../api/types.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { date, words } from '../../ui/format.ts';

const STATUS_TONE: Record<string, string> = { active: 'success', cancelled: 'danger', ended: 'muted', renewed: 'info' };

/** A contract's status as a coloured word. */
export function ContractStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${STATUS_TONE[status] ?? 'neutral'}`}>{words(status)}</span>;
}

/** The line keys in force on the contract's last day, or at its end: what the customer has now. */
export function currentLineCount(contract: Contract): number {
  const live = contract.lines.filter((l) => l.endDate > l.startDate);
  const lastDay = live.reduce((d, l) => (l.endDate > d ? l.endDate : d), contract.startDate);
  return new Set(live.filter((l) => l.endDate === lastDay).map((l) => l.key)).size;
}

/** Contracts as a table; with `customerName`, a customer column too. */
export function ContractTable({ contracts, caption, customerName }: { contracts: Contract[]; caption: string; customerName?: (id: string) => string }) {
  const entityCode = useEntityCode();
  return (
    <table className="data">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          {customerName && <th scope="col">Customer</th>}
          <th scope="col">Entity</th>
          <th scope="col">Term</th>
          <th scope="col">Billing</th>
          <th scope="col" className="num">Lines</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {contracts.map((c) => (
          <tr key={c.id}>
            <td className="nowrap">
              <Link to={`/contracts/${c.id}`}>{c.number}</Link>
            </td>
            {customerName && (
              <td>
                <Link to={`/customers/${c.customerId}`}>{customerName(c.customerId)}</Link>
              </td>
            )}
            <td>{entityCode(c.entityId)}</td>
            <td className="nowrap">
              {date(c.startDate)} – {date(c.endDate)}
            </td>
            <td className="nowrap">
              {words(c.billingFrequency)}, {words(c.billingTiming)}
            </td>
            <td className="num">{currentLineCount(c)}</td>
            <td>
              <ContractStatusBadge status={c.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
