import type { CreditBalance, OpenInvoice, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { Link } from '../../app/router.tsx';
import { date, money } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { sumAmounts } from './sum-amounts.ts';

const LIMIT = 100;

/** What the customer owes (open invoices, overdue marked) and the credit it holds (unapplied payments). */
export function CustomerReceivables({ customerId }: { customerId: string }) {
  const open = useApi<Page<OpenInvoice>>(`/v1/reports/open-invoices?customerId=${encodeURIComponent(customerId)}&limit=${LIMIT}`);
  const credit = useApi<{ data: CreditBalance[] }>(`/v1/credit-balances?customerId=${encodeURIComponent(customerId)}`);
  const invoices = open.data?.data ?? [];
  const currencies = [...new Set(invoices.map((i) => i.currency))].sort();

  return (
    <section aria-labelledby="receivables-title">
      <h2 id="receivables-title">Open invoices and credit</h2>
      {credit.error && <ErrorNotice error={credit.error} retry={credit.reload} title="The credit balance could not be loaded." />}
      {!credit.data && credit.loading && <Loading what="the credit balance" />}
      {credit.data && (
        <dl className="facts" aria-label="Credit balance">
          <dt>Credit balance</dt>
          <dd>{credit.data.data.length === 0 ? 'none' : credit.data.data.map((b) => money(b.balance, b.currency)).join(', ')}</dd>
          {open.data && (
            <>
              <dt>Open</dt>
              <dd>
                {currencies.length === 0
                  ? 'nothing'
                  : currencies.map((cur) => money(sumAmounts(invoices.filter((i) => i.currency === cur).map((i) => i.amountDue)), cur)).join(', ')}
                {open.data.nextCursor && ' (first 100 invoices)'}
              </dd>
              <dt>Overdue</dt>
              <dd>{invoices.filter((i) => i.overdue).length} of {invoices.length}</dd>
            </>
          )}
        </dl>
      )}
      {open.error && <ErrorNotice error={open.error} retry={open.reload} title="The open invoices could not be loaded." />}
      {!open.data && open.loading && <Loading what="open invoices" />}
      {open.data && invoices.length === 0 && <Empty>No open invoices: everything issued is paid or credited.</Empty>}
      {invoices.length > 0 && (
        <table className="data compact">
          <caption className="sr-only">Open invoices</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Issued</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">Total</th>
              <th scope="col" className="num">Amount due</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/invoices/${i.id}`}>{i.number ?? i.id}</Link>
                </td>
                <td>{date(i.issueDate)}</td>
                <td>{date(i.dueDate)}</td>
                <td className="num">{money(i.total, i.currency)}</td>
                <td className="num">{money(i.amountDue, i.currency)}</td>
                <td>{i.overdue ? <span className="badge danger">overdue {i.daysPastDue} days</span> : i.paymentStatus === 'partially_paid' ? 'partially paid' : 'not yet due'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
