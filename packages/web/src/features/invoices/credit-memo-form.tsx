import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { Invoice } from '../../api/types.ts';
import { navigate } from '../../app/router.tsx';
import { money, words } from '../../ui/format.ts';
import { CREDIT_REASON_CODES, type CreditReasonCode } from '../../../../core/src/receivables/invoices/credit-reason-codes.ts';
import { decimalsOf, toMinorUnits } from './payment-amount.ts';
import { FormError } from '../../ui/states.tsx';

/** A line with something to credit: a positive amount (discounts and credits are negative, zero lines free). */
const hasAmount = (amount: string): boolean => !amount.startsWith('-') && /[1-9]/.test(amount);

/**
 * Drafts a credit memo against an issued invoice (`POST /v1/credit-memos`): everything that
 * remains creditable, or chosen lines, each in full or for an amount. The server refuses
 * more than what remains creditable per line, in words. On success the new draft opens; it
 * goes through the controls like any document when submitted.
 */
export function CreditMemoForm({ invoice, onCancel }: { invoice: Invoice; onCancel: () => void }) {
  const creditable = invoice.lines.filter((l) => hasAmount(l.amount));
  const [reasonCode, setReasonCode] = useState<CreditReasonCode>('billing_error');
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<'all' | 'lines'>('all');
  const [chosen, setChosen] = useState<Record<string, { on: boolean; amount: string }>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (id: string, patch: Partial<{ on: boolean; amount: string }>) => setChosen((c) => ({ ...c, [id]: { on: c[id]?.on ?? false, amount: c[id]?.amount ?? '', ...patch } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const lines = scope === 'lines' ? creditable.filter((l) => chosen[l.id]?.on).map((l) => ({ invoiceLineId: l.id, amount: chosen[l.id]!.amount.trim() })) : undefined;
    if (lines && lines.length === 0) return setError('Choose at least one line to credit, or credit everything that remains.');
    // Exact, as text: an amount with no more decimals than the currency has, never a float.
    const decimals = decimalsOf(invoice.total);
    const bad = lines?.find((l) => l.amount !== '' && !toMinorUnits(l.amount, decimals));
    if (bad) return setError(`“${bad.amount}” is not an amount of ${invoice.currency}: write it like ${invoice.lines[0]?.amount ?? '120.50'}, more than zero, without a currency or thousands separators.`);
    setBusy(true);
    try {
      const memo = await api<Invoice>('/v1/credit-memos', {
        method: 'POST',
        body: { invoiceId: invoice.id, reasonCode, reason: reason.trim(), ...(lines ? { lines: lines.map((l) => (l.amount === '' ? { invoiceLineId: l.invoiceLineId } : l)) } : {}) },
      });
      navigate(`/invoices/${memo.id}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="inline-form stacked" aria-label="Credit this invoice">
      <label htmlFor="credit-reason-code">Reason code</label>
      <select id="credit-reason-code" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as CreditReasonCode)}>
        {CREDIT_REASON_CODES.map((code) => (
          <option key={code} value={code}>
            {words(code)}
          </option>
        ))}
      </select>
      <label htmlFor="credit-reason">Why</label>
      <input id="credit-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. seats billed twice in October" />
      <fieldset>
        <legend>What to credit</legend>
        <label>
          <input type="radio" name="credit-scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Everything that remains creditable
        </label>
        <label>
          <input type="radio" name="credit-scope" checked={scope === 'lines'} onChange={() => setScope('lines')} /> Chosen lines
        </label>
      </fieldset>
      {scope === 'lines' && (
        <table className="data compact">
          <caption className="sr-only">Lines to credit</caption>
          <thead>
            <tr>
              <th scope="col">Credit</th>
              <th scope="col">Line</th>
              <th scope="col" className="num">Net amount</th>
              <th scope="col">Amount to credit (blank: all that remains)</th>
            </tr>
          </thead>
          <tbody>
            {creditable.map((l) => (
              <tr key={l.id}>
                <td>
                  <input type="checkbox" aria-label={`Credit line ${l.lineNo}`} checked={chosen[l.id]?.on ?? false} onChange={(e) => set(l.id, { on: e.target.checked })} />
                </td>
                <td>{l.description}</td>
                <td className="num">{money(l.amount, invoice.currency)}</td>
                <td>
                  <input aria-label={`Amount to credit on line ${l.lineNo}`} inputMode="decimal" value={chosen[l.id]?.amount ?? ''} disabled={!chosen[l.id]?.on} onChange={(e) => set(l.id, { amount: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || !reason.trim()}>
          Draft credit memo
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
