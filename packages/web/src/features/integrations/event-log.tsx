import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { IntegrationEvent, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { EntitySelect } from '../../app/entities.tsx';
import { isoDay } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { EventTable } from './event-table.tsx';

const PAGE_SIZE = 50;
const EMPTY = { documentId: '', documentNumber: '', outcome: '', connector: '', errorCode: '', entityId: '', from: '', to: '' };

/** A calendar day as the start of that day in UTC; `to` is exclusive, so it takes the next day. */
function dayStart(day: string, plusDays = 0): string | undefined {
  return day ? `${isoDay(plusDays, new Date(`${day}T00:00:00Z`))}T00:00:00Z` : undefined;
}

/** The integration event log: every posting attempt, filtered by document, outcome, connector, error code, entity and period, in cursor pages. */
export function EventLog() {
  const [filters, setFilters] = useState(EMPTY);
  const [cursors, setCursors] = useState<string[]>([]);
  const list = useApi<Page<IntegrationEvent>>(
    `/v1/integration-events${query({
      documentId: filters.documentId.trim(),
      documentNumber: filters.documentNumber.trim(),
      outcome: filters.outcome,
      connector: filters.connector.trim(),
      errorCode: filters.errorCode.trim(),
      entityId: filters.entityId,
      from: dayStart(filters.from),
      to: dayStart(filters.to, 1),
      limit: PAGE_SIZE,
      cursor: cursors.at(-1),
    })}`,
  );
  const change = (patch: Partial<typeof EMPTY>) => {
    setFilters({ ...filters, ...patch });
    setCursors([]);
  };

  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">Integration event log</h2>
      <form className="filters" aria-label="Filter integration events" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="ev-document">Document id</label>
          <input id="ev-document" placeholder="inv_…" value={filters.documentId} onChange={(e) => change({ documentId: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ev-number">Document number</label>
          <input id="ev-number" placeholder="INV-…" value={filters.documentNumber} onChange={(e) => change({ documentNumber: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ev-outcome">Outcome</label>
          <select id="ev-outcome" value={filters.outcome} onChange={(e) => change({ outcome: e.target.value })}>
            <option value="">Any outcome</option>
            <option value="posted">Posted</option>
            <option value="already_posted">Already posted</option>
            <option value="failed">Failed</option>
            <option value="retrying">Failed, will retry</option>
            <option value="dead">Failed, gave up</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="ev-connector">Connector</label>
          <input id="ev-connector" placeholder="builtin_ledger" value={filters.connector} onChange={(e) => change({ connector: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ev-error">Error code</label>
          <input id="ev-error" placeholder="timeout" value={filters.errorCode} onChange={(e) => change({ errorCode: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ev-entity">Entity</label>
          <EntitySelect id="ev-entity" value={filters.entityId} onChange={(entityId) => change({ entityId })} />
        </div>
        <div className="field">
          <label htmlFor="ev-from">From</label>
          <input id="ev-from" type="date" value={filters.from} onChange={(e) => change({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ev-to">To</label>
          <input id="ev-to" type="date" value={filters.to} onChange={(e) => change({ to: e.target.value })} />
        </div>
      </form>
      {list.error && <ErrorNotice error={list.error} retry={list.reload} title="The integration events could not be loaded." />}
      {!list.data && list.loading && <Loading what="integration events" />}
      {list.data && list.data.data.length === 0 && <Empty>No posting attempts match. Documents are posted after they are approved, when a worker runs.</Empty>}
      {list.data && list.data.data.length > 0 && <EventTable events={list.data.data} caption={`Integration events, page ${cursors.length + 1}, oldest first`} />}
      {list.data && (cursors.length > 0 || list.data.nextCursor) && (
        <nav className="pager" aria-label="Event pages">
          <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </button>
          <span>Page {cursors.length + 1}</span>
          <button type="button" className="secondary" disabled={!list.data.nextCursor} onClick={() => setCursors([...cursors, list.data!.nextCursor!])}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
