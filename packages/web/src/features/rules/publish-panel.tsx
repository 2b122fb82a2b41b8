import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { ReleaseRecord } from '../../api/types.ts';
import { useActorName } from '../../app/actors.tsx';
import { releaseName, releasePath } from './release-kinds.tsx';

/** The refusal in words: four-eyes and the controller role have a reason; everything else says what the server said. */
function refusal(error: ApiError, name: (actor: string) => string): string {
  const reason = error.problem.reason;
  if (error.status === 403 && reason === 'four_eyes') {
    const author = typeof error.problem.author === 'string' ? name(error.problem.author) : 'its author';
    return `Refused (four-eyes): the author or an editor of a draft may not publish it. It was written by ${author}; another controller must review and publish it.`;
  }
  if (error.status === 403 && reason === 'controller_role_required') return 'Refused: publishing needs the controller role for all entities.';
  if (error.status === 409) return `Refused: ${error.message}. Reload the page to review the latest revision.`;
  return `Refused: ${error.explanation}`;
}

/**
 * Publish a draft, as a second controller: it takes effect now or at a later time.
 * The revision sent is the one on screen, so an edit made after the review is not released.
 */
export function PublishPanel({ release, onPublished }: { release: ReleaseRecord; onPublished: (notice: string) => void }) {
  const name = useActorName();
  const [effective, setEffective] = useState('');
  const [message, setMessage] = useState<{ tone: 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const publish = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const body = { revision: release.revision, ...(effective ? { effectiveFrom: new Date(effective).toISOString() } : {}) };
      const published = await api<ReleaseRecord>(releasePath(release.kind, release.version, '/publish'), { method: 'POST', body });
      // The panel goes away with the draft, so the page shows the notice.
      onPublished(`Published ${releaseName(published.kind, published.version)}: ${published.state === 'scheduled' ? `scheduled from ${new Date(published.effectiveFrom ?? '').toLocaleString('en-GB')}` : 'in force now'}.`);
    } catch (failure) {
      setMessage({ tone: 'error', text: failure instanceof ApiError ? refusal(failure, name) : String(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="publish-title" className="card">
      <h2 id="publish-title">Publish</h2>
      <p className="muted small">
        Publishing needs a second controller: whoever wrote or edited the draft may not publish it. You publish revision {release.revision}, the one shown here.
      </p>
      <div className="inline-form">
        <label htmlFor="publish-effective">Takes effect (empty: now)</label>
        <input id="publish-effective" type="datetime-local" value={effective} onChange={(e) => setEffective(e.target.value)} />
        <button type="button" disabled={busy} onClick={() => void publish()}>
          Publish {releaseName(release.kind, release.version)}
        </button>
      </div>
      {message && (
        <p className="state error" role="alert">
          {message.text}
        </p>
      )}
    </section>
  );
}
