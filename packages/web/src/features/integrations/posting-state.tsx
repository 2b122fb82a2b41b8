import { useState } from 'react';
import { api, ApiError, query } from '../../api/client.ts';
import type { ExceptionRecord, Invoice, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { useWorkCounts } from '../../app/work-counts.tsx';
import { useSession } from '../../session/session.tsx';
import { dateTime, money, words } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';

interface PostResult {
  documentId: string;
  outcome: 'posted' | 'already_posted' | 'failed' | 'skipped' | 'queued';
  lifecycle: string;
  erpDocumentId: string | null;
  error: string | null;
}

/** What a retry did, in words; the caller shows it (the button goes away once the document posts). */
export interface RetryOutcome {
  tone: 'error' | 'notice';
  text: string;
}

/** Post a document again (after its cause was fixed). */
export function RetryPosting({ documentId, onDone }: { documentId: string; onDone: (outcome: RetryOutcome) => void }) {
  const counts = useWorkCounts();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      const result = await api<PostResult>(`/v1/invoices/${encodeURIComponent(documentId)}/post`, { method: 'POST' });
      const ok = result.outcome === 'posted' || result.outcome === 'already_posted';
      counts.refresh();
      onDone(
        result.outcome === 'queued'
          // The entity posts to an external ERP: only workers call it, under the connection's limits.
          ? { tone: 'notice', text: 'Queued: a worker posts it to the ERP next. The integration event log shows the attempt.' }
          : {
              tone: ok ? 'notice' : 'error',
              text: ok ? `Posted: ERP document ${result.erpDocumentId ?? '—'} (${words(result.lifecycle)}).` : `Posting failed again: ${result.error ?? words(result.outcome)}.`,
            },
      );
    } catch (failure) {
      onDone({ tone: 'error', text: failure instanceof ApiError ? failure.explanation : String(failure) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="secondary" disabled={busy} onClick={() => void retry()}>
      {busy ? 'Posting…' : 'Retry posting'}
    </button>
  );
}

/** A retry's outcome as a notice or an alert. */
export function RetryMessage({ outcome }: { outcome: RetryOutcome & { title?: string } }) {
  return (
    <p className={`state ${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'}>
      {outcome.title && <strong>{outcome.title} — </strong>}
      {outcome.text}
    </p>
  );
}

/** Documents on their way to the ERP: being posted now, and held after a refused posting (with a retry). */
export function PostingState() {
  const { can } = useSession();
  const entityCode = useEntityCode();
  const posting = useApi<Page<Invoice>>(`/v1/invoices${query({ lifecycle: 'posting', limit: 50 })}`);
  const failures = useApi<Page<ExceptionRecord>>(`/v1/exceptions${query({ category: 'posting_failure', status: 'open', limit: 50 })}`);
  const [outcome, setOutcome] = useState<(RetryOutcome & { title: string }) | null>(null);
  const reload = () => {
    posting.reload();
    failures.reload();
  };

  return (
    <section aria-labelledby="posting-title">
      <h2 id="posting-title">Posting</h2>
      <div className="two-columns">
        <div>
          <h3>Being posted</h3>
          {posting.error && <ErrorNotice error={posting.error} retry={posting.reload} title="The documents being posted could not be loaded." />}
          {!posting.data && posting.loading && <Loading what="documents being posted" />}
          {posting.data && posting.data.data.length === 0 && <Empty>No document is being posted right now.</Empty>}
          {posting.data && posting.data.data.length > 0 && (
            <ul className="plain">
              {posting.data.data.map((inv) => (
                <li key={inv.id}>
                  <Link to={`/invoices/${inv.id}`}>{inv.number ?? inv.id}</Link> · {inv.buyer.name} · {money(inv.total, inv.currency)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Held: posting failed</h3>
          {outcome && <RetryMessage outcome={outcome} />}
          {failures.error && <ErrorNotice error={failures.error} retry={failures.reload} title="The posting failures could not be loaded." />}
          {!failures.data && failures.loading && <Loading what="posting failures" />}
          {failures.data && failures.data.data.length === 0 && <Empty>No posting has failed. Nothing is on hold for the ERP.</Empty>}
          {failures.data && failures.data.data.length > 0 && (
            <ul className="exceptions">
              {failures.data.data.map((e) => (
                <li key={e.id} className="exception" aria-label={e.title}>
                  <strong>{e.title}</strong>
                  <div className="meta small">
                    {entityCode(e.entityId)} · <Link to={`/invoices/${e.documentId}`}>open the {words(e.documentType)}</Link> · held {dateTime(e.createdAt)}
                  </div>
                  {can('integrations:manage') && (
                    <div className="actions">
                      <RetryPosting
                        documentId={e.documentId}
                        onDone={(result) => {
                          setOutcome({ ...result, title: e.title });
                          reload();
                        }}
                      />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
