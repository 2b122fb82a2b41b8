import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { Invoice } from '../../api/types.ts';
import { FormError } from '../../ui/states.tsx';

const TYPES = ['eu_vat', 'gb_vat', 'ch_vat', 'no_vat', 'us_ein', 'au_abn', 'sg_uen', 'sg_gst', 'other'];

/**
 * Fixes the data behind a "tax id missing or invalid" exception: saves the customer's tax
 * id, then re-validates every document of that customer on hold (not only this one: the
 * same missing id held them all), which resolves the exceptions whose rule now passes.
 */
export function FixTaxId({ documentId, onFixed }: { documentId: string; onFixed: (message: string) => Promise<void> }) {
  const [taxId, setTaxId] = useState('');
  const [taxIdType, setTaxIdType] = useState('eu_vat');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const invoice = await api<Invoice>(`/v1/invoices/${documentId}`);
      await api(`/v1/customers/${invoice.customerId}`, { method: 'PATCH', body: { taxId: taxId.trim(), taxIdType } });
      const result = await api<{ documents: number; released: number; stillHeld: number; results: { documentId: string; outcome: string }[] }>(
        `/v1/customers/${invoice.customerId}/revalidate-held`,
        { method: 'POST' },
      );
      const mine = result.results.find((r) => r.documentId === documentId)?.outcome.replace('_', ' ') ?? 'not held any more';
      await onFixed(
        `Tax id saved for ${invoice.buyer.name}; re-validated ${result.documents} held document${result.documents === 1 ? '' : 's'}: ${result.released} moved on, ${result.stillHeld} still held (this one: ${mine}).`,
      );
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Fix the customer's tax id">
      <label htmlFor={`tax-id-${documentId}`}>Customer tax id</label>
      <input id={`tax-id-${documentId}`} required maxLength={40} value={taxId} onChange={(e) => setTaxId(e.target.value)} />
      <label htmlFor={`tax-type-${documentId}`}>Type</label>
      <select id={`tax-type-${documentId}`} value={taxIdType} onChange={(e) => setTaxIdType(e.target.value)}>
        {TYPES.map((t) => (
          <option key={t} value={t}>
            {t.replace('_', ' ').toUpperCase()}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy || !taxId.trim()}>
        Save and re-validate
      </button>
      <FormError message={error} />
    </form>
  );
}
