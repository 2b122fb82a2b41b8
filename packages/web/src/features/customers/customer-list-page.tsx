import { useEffect, useState } from 'react';
import { query } from '../../api/client.ts';
import type { Customer, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { EntitySelect, useEntityCode } from '../../app/entities.tsx';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { words } from '../../ui/format.ts';
import { Pager, useCursorPages } from '../../ui/pager.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'entityId', 'active'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

/** Customers with a search on name or number, filters by entity and status, and cursor pagination; filters live in the URL. */
export function CustomerListPage() {
  const { search } = useLocation();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? ''])) as Filters;
  const filterKey = FILTER_KEYS.map((k) => filters[k]).join('|');
  const pages = useCursorPages(filterKey);
  const list = useApi<Page<Customer>>(`/v1/customers${query({ ...filters, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const entityCode = useEntityCode();
  const setFilters = (next: Filters) => navigate(`/customers${query({ ...next })}`, { replace: true });

  // The search applies a moment after typing stops, so each key press does not reload the list.
  const [text, setText] = useState(filters.q);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (text.trim() !== filters.q) setFilters({ ...filters, q: text.trim() });
    }, 300);
    return () => window.clearTimeout(timer);
    // Only typing starts the timer; the filters it reads are the ones on screen then.
  }, [text]);

  return (
    <>
      <header className="page-header">
        <h1>Customers</h1>
        {FILTER_KEYS.some((k) => filters[k]) && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setText('');
              navigate('/customers', { replace: true });
            }}
          >
            Clear filters
          </button>
        )}
      </header>
      <form className="filters" role="search" aria-label="Filter customers" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="c-search">Name or number</label>
          <input id="c-search" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="c-entity">Entity</label>
          <EntitySelect id="c-entity" value={filters.entityId} onChange={(entityId) => setFilters({ ...filters, entityId })} />
        </div>
        <div className="field">
          <label htmlFor="c-active">Status</label>
          <select id="c-active" value={filters.active} onChange={(e) => setFilters({ ...filters, active: e.target.value })}>
            <option value="">Active and inactive</option>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
          </select>
        </div>
      </form>
      {list.error && <ErrorNotice error={list.error} retry={list.reload} title="The customers could not be loaded." />}
      {!list.data && list.loading && <Loading what="customers" />}
      {list.data && list.data.data.length === 0 && <Empty>No customers match these filters.</Empty>}
      {list.data && list.data.data.length > 0 && (
        <table className="data" aria-busy={list.loading}>
          <caption className="sr-only">Customers, page {pages.page}</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Name</th>
              <th scope="col">Entity</th>
              <th scope="col">Currency</th>
              <th scope="col">Tax id</th>
              <th scope="col">Segment</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/customers/${c.id}`}>{c.number}</Link>
                </td>
                <td>{c.name}</td>
                <td>{entityCode(c.entityId)}</td>
                <td>{c.billingCurrency}</td>
                <td>{c.taxId ?? <span className="muted">none</span>}</td>
                <td>{words(c.segment)}</td>
                <td>{c.active ? 'active' : <span className="badge muted">inactive</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <Pager page={pages.page} nextCursor={list.data.nextCursor} onNext={pages.next} onPrevious={pages.previous} />}
    </>
  );
}
