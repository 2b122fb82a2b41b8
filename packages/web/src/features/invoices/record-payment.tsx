import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { Invoice, PaymentWithApplications } from '../../api/types.ts';
import { money } from '../../ui/format.ts';
import { checkPaymentAmount } from './payment-amount.ts';
import { FormError } from '../../ui/states.tsx';

type PaymentMethod = PaymentWithApplications['method'];

/** Every method the API takes, in words (a method added there fails the typecheck here). */
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  bank_transfer: 'Bank transfer',
  card: 'Card',
  direct_debit: 'Direct debit',
  other: 'Other',
};

/** Today in the browser's time zone, YYYY-MM-DD: the day the clerk sees the money arrive. */
function localToday(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** What the clerk is told after the server booked the payment: where the money went. */
function recordedMessage(payment: PaymentWithApplications, invoiceId: string): string {
  const here = payment.applications.find((a) => a.invoiceId === invoiceId);
  const parts = [`Payment of ${money(payment.amount, payment.currency)} recorded`];
  if (here) parts.push(`${money(here.amount, payment.currency)} applied to this invoice`);
  if (!/^0(\.0+)?$/.test(payment.unapplied)) parts.push(`${money(payment.unapplied, payment.currency)} added to the customer's credit balance`);
  return `${parts.join('; ')}.`;
}

/**
 * "Record payment": money received from the customer for this invoice (a bank transfer,
 * a cheque, a card payment taken elsewhere), applied to it through `POST /v1/payments`.
 * The amount is a decimal string in the invoice currency, the amount due by default;
 * more than is due goes to the customer's credit balance, as the server says.
 */
export function RecordPayment({ invoice, onRecorded }: { invoice: Invoice; onRecorded: (message: string) => void }) {
  const [form, setForm] = useState({ amount: invoice.amountDue, receivedOn: localToday(), method: 'bank_transfer' as PaymentMethod, reference: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checked = checkPaymentAmount(form.amount, invoice.currency, invoice.amountDue);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked.ok) {
      setError(checked.problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const payment = await api<PaymentWithApplications>('/v1/payments', {
        method: 'POST',
        body: {
          customerId: invoice.customerId,
          currency: invoice.currency,
          amount: form.amount.trim(),
          receivedOn: form.receivedOn,
          method: form.method,
          invoiceIds: [invoice.id],
          ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
        },
      });
      onRecorded(recordedMessage(payment, invoice.id));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="record-payment-title" noValidate>
      <h3 id="record-payment-title">Record payment</h3>
      <p className="muted small">Money received for this invoice. It is applied to this invoice; anything above the amount due goes to the customer&apos;s credit balance.</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="pay-amount">Amount ({invoice.currency})</label>
          <input
            id="pay-amount"
            inputMode="decimal"
            autoComplete="off"
            required
            value={form.amount}
            aria-invalid={!checked.ok}
            aria-describedby="pay-amount-hint"
            onChange={(e) => setForm({ ...form, amount: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="pay-date">Received on</label>
          <input id="pay-date" type="date" required value={form.receivedOn} onChange={(e) => setForm({ ...form, receivedOn: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="pay-method">Method</label>
          <select id="pay-method" value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as PaymentMethod })}>
            {Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pay-reference">Reference</label>
          <input id="pay-reference" maxLength={500} placeholder="Bank reference, remittance advice" value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} />
        </div>
      </div>
      <p id="pay-amount-hint" className="muted small">
        {checked.ok
          ? checked.overpaid
            ? `More than the ${money(invoice.amountDue, invoice.currency)} due: the rest goes to the customer's credit balance.`
            : `Amount due: ${money(invoice.amountDue, invoice.currency)}.`
          : checked.problem}
      </p>
      <button type="submit" disabled={busy || !form.receivedOn}>
        {busy ? 'Recording…' : 'Record payment'}
      </button>
      <FormError message={error} />
    </form>
  );
}
