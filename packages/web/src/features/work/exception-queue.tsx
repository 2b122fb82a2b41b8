import { useState } from 'react';
// The category list from its one source in core (a file with no imports, so the bundle takes only it).
import { EXCEPTION_CATEGORIES as CATEGORIES } from '../../../../core/src/controls/rules/exception-categories.ts';
import { query } from '../../api/client.ts';
import type { ExceptionRecord, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { EntitySelect } from '../../app/entities.tsx';
import { useSession } from '../../session/session.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { BulkExceptionBar } from './bulk-exception-bar.tsx';
import { ExceptionItem } from './exception-item.tsx';

const PAGE_SIZE = 25;

/** The exception queues: open ones first by age, filterable, with the SLA on each. */
export function ExceptionQueue() {
  const { me, can } = useSession();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [filters, setFilters] = useState({ status: 'open', category: '', entityId: '', mine: false, overdue: false });
  const [cursors, setCursors] = useState<string[]>([]);
  const path = `/v1/exceptions${query({
    status: filters.status,
    category: filters.category,
    entityId: filters.entityId,
    assigneeUserId: filters.mine ? me.user.id : undefined,
    overdue: filters.overdue ? 'true' : undefined,
    limit: PAGE_SIZE,
    cursor: cursors.at(-1),
  })}`;
  const list = useApi<Page<ExceptionRecord>>(path);
  // Shown above the list: a resolved exception leaves the open queue, and its own message with it.
  const [notice, setNotice] = useState<string | null>(null);
  const change = (patch: Partial<typeof filters>) => {
    setFilters({ ...filters, ...patch });
    setCursors([]);
    setSelected(new Set());
  };
  const page = (next: string[]) => {
    setCursors(next);
    setSelected(new Set());
  };
  const selectable = can('exceptions:manage') ? (list.data?.data ?? []).filter((e) => e.status === 'open') : [];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <section aria-labelledby="exceptions-title">
      <h2 id="exceptions-title">Exceptions</h2>
      <form className="filters" aria-label="Filter exceptions" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="x-status">Status</label>
          <select id="x-status" value={filters.status} onChange={(e) => change({ status: e.target.value })}>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
            <option value="">Any</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="x-category">Category</label>
          <select id="x-category" value={filters.category} onChange={(e) => change({ category: e.target.value })}>
            <option value="">Any category</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="x-entity">Entity</label>
          <EntitySelect id="x-entity" value={filters.entityId} onChange={(entityId) => change({ entityId })} />
        </div>
        <div className="field checkbox">
          <input id="x-mine" type="checkbox" checked={filters.mine} onChange={(e) => change({ mine: e.target.checked })} />
          <label htmlFor="x-mine">Assigned to me</label>
        </div>
        <div className="field checkbox">
          <input id="x-overdue" type="checkbox" checked={filters.overdue} onChange={(e) => change({ overdue: e.target.checked })} />
          <label htmlFor="x-overdue">Overdue only</label>
        </div>
      </form>
      {notice && (
        <p className="state notice" role="status">
          {notice}
        </p>
      )}
      {list.error && <ErrorNotice error={list.error} retry={list.reload} title="The exceptions could not be loaded." />}
      {!list.data && list.loading && <Loading what="exceptions" />}
      {list.data && list.data.data.length === 0 && <Empty>No exceptions match. Nothing is blocked here.</Empty>}
      {selectable.length > 0 && (
        <div className="field checkbox select-all">
          <input
            id="x-all"
            type="checkbox"
            checked={selectable.every((e) => selected.has(e.id))}
            onChange={(e) => setSelected(new Set(e.target.checked ? selectable.map((x) => x.id) : []))}
          />
          <label htmlFor="x-all">Select all open exceptions on this page</label>
        </div>
      )}
      {selected.size > 0 && (
        <BulkExceptionBar
          ids={[...selected]}
          onClear={() => setSelected(new Set())}
          onDone={(text) => {
            setNotice(text);
            setSelected(new Set());
            list.reload();
          }}
        />
      )}
      <ul className="exceptions" aria-busy={list.loading}>
        {list.data?.data.map((e) => (
          <ExceptionItem
            key={e.id}
            exception={e}
            {...(selectable.includes(e) ? { selected: selected.has(e.id), onSelect: (on: boolean) => toggle(e.id, on) } : {})}
            onChanged={(text) => {
              setNotice(text);
              list.reload();
            }}
          />
        ))}
      </ul>
      {list.data && (cursors.length > 0 || list.data.nextCursor) && (
        <nav className="pager" aria-label="Exception pages">
          <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => page(cursors.slice(0, -1))}>
            Previous
          </button>
          <span>Page {cursors.length + 1}</span>
          <button type="button" className="secondary" disabled={!list.data.nextCursor} onClick={() => page([...cursors, list.data!.nextCursor!])}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
