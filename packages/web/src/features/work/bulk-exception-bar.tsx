import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { useWorkCounts } from '../../app/work-counts.tsx';
import { useSession } from '../../session/session.tsx';
import { ResolveForm } from './resolve-form.tsx';
import { FormError } from '../../ui/states.tsx';

interface BulkResult {
  succeeded: number;
  failed: number;
  results: { id: string; ok: boolean; error?: { detail: string } }[];
}

/** What a bulk action did, in words: how many, and why the refused ones were refused. */
export function bulkOutcome(verb: string, result: BulkResult): string {
  const refused = result.results.filter((r) => !r.ok);
  const reasons = [...new Set(refused.map((r) => r.error?.detail ?? 'refused'))];
  return `${verb} ${result.succeeded} of ${result.succeeded + result.failed}.` + (refused.length ? ` Refused ${refused.length}: ${reasons.join('; ')}` : '');
}

/**
 * Acts on the selected exceptions at once (`POST /v1/exceptions/bulk`): assign them to me,
 * or resolve them all the same way. Each is judged on its own by the server; the answer
 * says how many went through and why any were refused.
 */
export function BulkExceptionBar({ ids, onDone, onClear }: { ids: readonly string[]; onDone: (notice: string) => void; onClear: () => void }) {
  const { me } = useSession();
  const counts = useWorkCounts();
  const [resolving, setResolving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (verb: string, body: Record<string, unknown>) => {
    setError(null);
    try {
      const result = await api<BulkResult>('/v1/exceptions/bulk', { method: 'POST', body: { ...body, ids } });
      setResolving(false);
      counts.refresh();
      onDone(bulkOutcome(verb, result));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
    }
  };

  return (
    <div className="bulk-bar" role="region" aria-label="Selected exceptions">
      <strong>{ids.length} selected</strong>
      <button type="button" className="secondary" onClick={() => void run('Assigned to you', { action: 'assign', assignment: { userId: me.user.id } })}>
        Assign to me
      </button>
      <button type="button" className="secondary" aria-expanded={resolving} onClick={() => setResolving(!resolving)}>
        Resolve selected…
      </button>
      <button type="button" className="link" onClick={onClear}>
        Clear selection
      </button>
      {resolving && <ResolveForm exception={{ id: 'bulk' }} onResolve={(resolution) => run('Resolved', { action: 'resolve', resolution })} />}
      <FormError message={error} />
    </div>
  );
}
