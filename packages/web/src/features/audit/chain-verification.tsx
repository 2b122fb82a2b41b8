import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { AuditVerification } from '../../api/types.ts';
import { dateTime } from '../../ui/format.ts';
import { ErrorNotice } from '../../ui/states.tsx';

/** Recompute the audit trail's hash chain on the server and say whether it is intact, or where it first breaks. */
export function ChainVerification() {
  const [result, setResult] = useState<{ at: string; verification: AuditVerification } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const verification = await api<AuditVerification>('/v1/audit/verify', { method: 'POST' });
      setResult({ at: new Date().toISOString(), verification });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(String(failure), 0, null));
    } finally {
      setBusy(false);
    }
  };

  const v = result?.verification;
  return (
    <section aria-labelledby="chain-title" className="card">
      <h2 id="chain-title">Chain verification</h2>
      <p className="muted small">Every audit row carries the hash of the row before it. Verifying recomputes the whole chain, so a changed or deleted row shows here.</p>
      <button type="button" disabled={busy} onClick={() => void verify()}>
        {busy ? 'Verifying…' : 'Verify the chain now'}
      </button>
      {error && <ErrorNotice error={error} retry={() => void verify()} title="The chain could not be verified." />}
      {v && (
        <p role="status" className={`state ${v.ok ? 'notice' : 'error'}`}>
          {v.ok
            ? `Intact: ${v.rowsChecked.toLocaleString('en-GB')} rows checked, every hash matches (verified ${dateTime(result.at)}).`
            : `Broken at row ${v.firstBroken?.seq ?? '?'} (${v.firstBroken?.id ?? '?'}): ${v.firstBroken?.problem ?? 'the hash does not match'}. ${v.rowsChecked.toLocaleString('en-GB')} rows checked.`}
        </p>
      )}
    </section>
  );
}
