import { useState } from 'react';
import type { Invoice, InvoicePayment } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../session/session.tsx';
import { date, money, words } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { PAYMENT_METHOD_LABELS, RecordPayment } from './record-payment.tsx';

/** Why money moved, in words. */
const MOVEMENT: Record<InvoicePayment['reason'], string> = {
  payment: 'Payment',
  credit_balance: 'From credit balance',
  refund: 'Refund',
  dispute: 'Disputed',
  dispute_won: 'Dispute won',
  payment_failed: 'Payment failed',
};

/**
 * An invoice's money: paid and still due, the payments applied to it
 * (and refunds or chargebacks taken back), and — for roles that write payments, while
 * something is due on an issued invoice — the form to record a payment received.
 */
export function InvoicePayments({ invoice, onChanged }: { invoice: Invoice; onChanged: () => void }) {
  const { can } = useSession();
  const movements = useApi<{ data: InvoicePayment[] }>(can('payments:read') ? `/v1/invoices/${encodeURIComponent(invoice.id)}/payments` : null);
  const [notice, setNotice] = useState<string | null>(null);
  if (invoice.kind !== 'invoice') return null;
  const issued = invoice.status !== 'draft' && invoice.status !== 'void';
  const open = issued && invoice.paymentStatus !== 'paid' && invoice.paymentStatus !== 'overpaid';
  const rows = movements.data?.data ?? [];

  return (
    <section aria-labelledby="payments-title">
      <h2 id="payments-title">Payments</h2>
      <dl className="facts" aria-label="Balance">
        <dt>Paid</dt>
        <dd>{money(invoice.amountPaid, invoice.currency)}</dd>
        <dt>Amount due</dt>
        <dd>{money(invoice.amountDue, invoice.currency)}</dd>
        <dt>Payment status</dt>
        <dd>{words(invoice.paymentStatus)}</dd>
      </dl>
      {notice && (
        <p className="state notice" role="status">
          {notice}
        </p>
      )}
      {movements.error && <ErrorNotice error={movements.error} retry={movements.reload} title="The payments could not be loaded." />}
      {!movements.data && movements.loading && <Loading what="payments" />}
      {movements.data && rows.length === 0 && <Empty>{issued ? 'No payment received yet.' : 'An invoice takes payments once it is issued (approved and numbered).'}</Empty>}
      {rows.length > 0 && (
        <table className="data compact">
          <caption className="sr-only">Payments applied to this invoice, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Movement</th>
              <th scope="col">Method</th>
              <th scope="col">Reference</th>
              <th scope="col" className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.applicationId}>
                <td>{date(m.effectiveOn)}</td>
                <td>{MOVEMENT[m.reason]}</td>
                <td>{m.source === 'stripe' ? `Stripe (${PAYMENT_METHOD_LABELS[m.method].toLowerCase()})` : PAYMENT_METHOD_LABELS[m.method]}</td>
                <td>{m.reference ?? m.externalId ?? '—'}</td>
                <td className="num">{money(m.amount, m.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && can('payments:write') && (
        <RecordPayment
          key={`${invoice.id}-${invoice.version}`}
          invoice={invoice}
          onRecorded={(message) => {
            setNotice(message);
            movements.reload();
            onChanged();
          }}
        />
      )}
    </section>
  );
}
