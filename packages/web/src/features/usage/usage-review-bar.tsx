import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { FormError } from '../../ui/states.tsx';

interface ReviewResult {
  released: number;
  rejected: number;
  refused: number;
  results: { id: string; outcome: 'released' | 'rejected' | 'refused'; billing?: 'unbilled' | 'late'; reason?: string }[];
}

/** What a review did, in words: how many were released (and how many of those go on the next invoice as late usage) or rejected, and why any were refused. */
export function reviewOutcome(result: ReviewResult): string {
  const late = result.results.filter((r) => r.billing === 'late').length;
  const done = result.released > 0
    ? `Released ${result.released}${late ? ` (${late} on the next invoice as late usage: their month is invoiced already)` : ''}.`
    : result.rejected > 0 ? `Rejected ${result.rejected}; they are kept and never billed.` : 'Nothing was reviewed.';
  const reasons = [...new Set(result.results.filter((r) => r.outcome === 'refused').map((r) => r.reason ?? 'refused'))];
  return done + (result.refused ? ` Refused ${result.refused}: ${reasons.join('; ')}` : '');
}

/**
 * Releases or rejects the selected held events (`POST /v1/usage-events/review`), with a
 * reason kept on each event and in the audit trail. The server judges each event; the
 * answer says what became of them.
 */
export function UsageReviewBar({ events, onDone, onClear }: { events: readonly { customerId: string; id: string }[]; onDone: (notice: string) => void; onClear: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const review = async (decision: 'release' | 'reject') => {
    setError(null);
    if (reason.trim() === '') {
      setError('Say why: the reason is kept with each event and in the audit trail.');
      return;
    }
    setBusy(true);
    try {
      const result = await api<ReviewResult>('/v1/usage-events/review', { method: 'POST', body: { events, decision, reason: reason.trim() } });
      setReason('');
      onDone(reviewOutcome(result));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => event.preventDefault();

  return (
    <form className="bulk-bar" aria-label="Review the selected events" onSubmit={submit}>
      <strong>{events.length} selected</strong>
      <label>
        Reason <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. customer confirmed the burst" />
      </label>
      <button type="button" disabled={busy} onClick={() => void review('release')}>
        Release to billing
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => void review('reject')}>
        Reject
      </button>
      <button type="button" className="link" onClick={onClear}>
        Clear selection
      </button>
      <FormError message={error} />
    </form>
  );
}
