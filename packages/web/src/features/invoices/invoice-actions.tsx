import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { Invoice } from '../../api/types.ts';
import { useWorkCounts } from '../../app/work-counts.tsx';
import { useSession } from '../../session/session.tsx';
import { words } from '../../ui/format.ts';
import { CreditMemoForm } from './credit-memo-form.tsx';

interface SubmitResult {
  document: Invoice;
  outcome: string;
  reasons: string[];
}

/** Submit a draft (or re-validate one on hold), void with a reason, and credit an issued invoice, for roles that write invoices. */
export function InvoiceActions({ invoice, onChanged }: { invoice: Invoice; onChanged: () => void }) {
  const { can } = useSession();
  const counts = useWorkCounts();
  const [message, setMessage] = useState<{ tone: 'error' | 'notice'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [crediting, setCrediting] = useState(false);
  if (!can('invoices:write')) return null;

  const canSubmit = invoice.lifecycle === 'draft' || invoice.lifecycle === 'on_hold';
  const canVoid = invoice.status !== 'void' && invoice.paymentStatus !== 'paid' && invoice.paymentStatus !== 'partially_paid';
  const canCredit = invoice.kind === 'invoice' && invoice.status === 'finalized';

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ tone: 'notice', text: await work() });
      counts.refresh();
      onChanged();
    } catch (failure) {
      setMessage({ tone: 'error', text: failure instanceof ApiError ? failure.explanation : String(failure) });
    } finally {
      setBusy(false);
    }
  };

  const submit = () =>
    run(async () => {
      const result = await api<SubmitResult>(`/v1/invoices/${invoice.id}/submit`, { method: 'POST' });
      return `Submitted: ${words(result.outcome)}${result.reasons.length ? ` — ${result.reasons.join('; ')}` : ''}.`;
    });

  const voidIt = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api<Invoice>(`/v1/invoices/${invoice.id}/void`, { method: 'POST', body: { reason: reason.trim() } });
      setVoiding(false);
      return 'The invoice is void.';
    });
  };

  return (
    <div className="invoice-actions">
      <div className="actions">
        {canSubmit && (
          <button type="button" disabled={busy} onClick={() => void submit()}>
            {invoice.lifecycle === 'on_hold' ? 'Re-validate' : 'Submit to controls'}
          </button>
        )}
        {canCredit && !crediting && (
          <button type="button" className="secondary" disabled={busy} onClick={() => setCrediting(true)}>
            Credit…
          </button>
        )}
        {canVoid && !voiding && (
          <button type="button" className="danger" disabled={busy} onClick={() => setVoiding(true)}>
            Void…
          </button>
        )}
      </div>
      {crediting && canCredit && <CreditMemoForm invoice={invoice} onCancel={() => setCrediting(false)} />}
      {voiding && (
        <form onSubmit={voidIt} className="inline-form" aria-label="Void the invoice">
          <label htmlFor="void-reason">Reason for voiding</label>
          <input id="void-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          <button type="submit" className="danger" disabled={busy || !reason.trim()}>
            Void invoice
          </button>
          <button type="button" className="secondary" onClick={() => setVoiding(false)}>
            Cancel
          </button>
        </form>
      )}
      {message && (
        <p className={`state ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
