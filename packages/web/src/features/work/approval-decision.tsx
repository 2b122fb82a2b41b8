import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { ApprovalRequest } from '../../api/types.ts';
import { FormError } from '../../ui/states.tsx';

/**
 * Approve (comment optional) or reject (comment required) an approval request. The server
 * checks candidacy, limits and segregation of duties; a refusal is shown in its words.
 */
export function ApprovalDecision({ request, onDecided, label }: { request: ApprovalRequest; onDecided: (updated: ApprovalRequest) => void; label: string }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const id = `comment-${request.id}`;

  const decide = async (action: 'approve' | 'reject', event?: FormEvent) => {
    event?.preventDefault();
    if (action === 'reject' && !comment.trim()) {
      setError('Write why you reject it: the comment goes back with the document.');
      return;
    }
    setBusy(action);
    setError(null);
    try {
      const updated = await api<ApprovalRequest>(`/v1/approvals/${request.id}/${action}`, { method: 'POST', body: { comment: comment.trim() || undefined } });
      onDecided(updated);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="decision" onSubmit={(e) => void decide('approve', e)} aria-label={`Decide ${label}`}>
      <label htmlFor={id}>Comment</label>
      <textarea id={id} rows={1} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Optional to approve, required to reject" />
      <div className="actions">
        <button type="submit" disabled={busy !== null}>
          {busy === 'approve' ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="danger" disabled={busy !== null} onClick={() => void decide('reject')}>
          {busy === 'reject' ? 'Rejecting…' : 'Reject'}
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
