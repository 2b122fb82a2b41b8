import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { IntegrationEvent, Invoice, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../session/session.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useOnChange } from '../../ui/use-on-change.ts';
import { EventTable } from '../integrations/event-table.tsx';
import { RetryMessage, RetryPosting, type RetryOutcome } from '../integrations/posting-state.tsx';

/**
 * The document's posting attempts and the ERP's id for it. The invoice API does not
 * return `erpDocumentId`, so it is read from the last successful attempt in the log.
 */
export function ErpPostings({ invoice, onChanged }: { invoice: Invoice; onChanged: () => void }) {
  const { can } = useSession();
  const events = useApi<Page<IntegrationEvent>>(`/v1/integration-events${query({ documentId: invoice.id, limit: 100 })}`);
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null);
  // The worker posts while the page is open: read the attempts again whenever the stage changes.
  useOnChange(invoice.lifecycle, events.reload);
  const attempts = events.data?.data ?? [];
  const posted = attempts.findLast((e) => e.outcome === 'posted' || e.outcome === 'already_posted');
  const last = attempts.at(-1)?.outcome;
  const lastFailed = last === 'failed' || last === 'dead';
  const mayRetry = can('integrations:manage') && invoice.lifecycle === 'on_hold' && lastFailed;

  return (
    <section aria-labelledby="erp-title">
      <h2 id="erp-title">ERP posting</h2>
      {events.error && <ErrorNotice error={events.error} retry={events.reload} title="The posting attempts could not be loaded." />}
      {!events.data && events.loading && <Loading what="posting attempts" />}
      {events.data && (
        <dl className="facts">
          <dt>ERP document</dt>
          <dd>{posted?.erpDocumentId ? <code>{posted.erpDocumentId}</code> : 'not posted yet'}</dd>
          <dt>Connector</dt>
          <dd>{posted?.connector ?? attempts.at(-1)?.connector ?? '—'}</dd>
          <dt>Attempts</dt>
          <dd>{attempts.length}</dd>
        </dl>
      )}
      {events.data && attempts.length === 0 && <Empty>No posting attempt yet. A document is posted once it is approved, when a worker runs.</Empty>}
      {attempts.length > 0 && <EventTable events={attempts} showDocument={false} caption="Posting attempts, oldest first" />}
      {mayRetry && (
        <div className="actions">
          <RetryPosting
            documentId={invoice.id}
            onDone={(result) => {
              setOutcome(result);
              events.reload();
              onChanged();
            }}
          />
        </div>
      )}
      {outcome && <RetryMessage outcome={outcome} />}
    </section>
  );
}
