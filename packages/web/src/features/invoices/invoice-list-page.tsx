import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { Invoice, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { LifecycleBadge } from '../../ui/badges.tsx';
import { date, money, words } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { FILTER_KEYS, InvoiceFilterBar, type InvoiceFilters } from './invoice-filters.tsx';

const PAGE_SIZE = 50;

/** Invoices and credit memos with server-side filters and cursor pagination; filters live in the URL. */
export function InvoiceListPage() {
  const { search } = useLocation();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? ''])) as unknown as InvoiceFilters;
  const filterKey = FILTER_KEYS.map((k) => filters[k]).join('|');
  // Cursors of the pages before this one, so "Previous" goes back without the server counting.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const cursor = cursors[cursors.length - 1];
  const list = useApi<Page<Invoice>>(`/v1/invoices${query({ ...filters, limit: PAGE_SIZE, cursor })}`);
  const entityCode = useEntityCode();

  const setFilters = (next: InvoiceFilters) => navigate(`/invoices${query({ ...next })}`, { replace: true });

  return (
    <>
      <header className="page-header">
        <h1>Invoices</h1>
        {FILTER_KEYS.some((k) => filters[k]) && (
          <button type="button" className="secondary" onClick={() => navigate('/invoices', { replace: true })}>
            Clear filters
          </button>
        )}
      </header>
      <InvoiceFilterBar filters={filters} onChange={setFilters} />
      {list.error && <ErrorNotice error={list.error} retry={list.reload} title="The invoices could not be loaded." />}
      {!list.data && list.loading && <Loading what="invoices" />}
      {list.data && list.data.data.length === 0 && <Empty>No invoices match these filters.</Empty>}
      {list.data && list.data.data.length > 0 && (
        <table className="data" aria-busy={list.loading}>
          <caption className="sr-only">Invoices, page {cursors.length + 1}</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Customer</th>
              <th scope="col">Entity</th>
              <th scope="col">Period</th>
              <th scope="col">Issued</th>
              <th scope="col" className="num">Total</th>
              <th scope="col">Stage</th>
              <th scope="col">Payment</th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((invoice) => (
              <tr key={invoice.id}>
                <td>
                  <Link to={`/invoices/${invoice.id}`}>{invoice.number ?? `Draft ${invoice.kind === 'credit_memo' ? 'credit memo' : 'invoice'}`}</Link>
                  {invoice.kind === 'credit_memo' && invoice.number && <span className="muted"> credit memo</span>}
                </td>
                <td>{invoice.buyer.name}</td>
                <td>{entityCode(invoice.entityId)}</td>
                <td>{invoice.billingPeriod ?? '—'}</td>
                <td>{date(invoice.issueDate)}</td>
                <td className="num">{money(invoice.total, invoice.currency)}</td>
                <td>
                  <LifecycleBadge lifecycle={invoice.lifecycle} />
                </td>
                <td>{words(invoice.paymentStatus)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}>
            Previous
          </button>
          <span>Page {cursors.length + 1}</span>
          <button type="button" className="secondary" disabled={!list.data.nextCursor} onClick={() => setPages({ key: filterKey, cursors: [...cursors, list.data!.nextCursor!] })}>
            Next
          </button>
        </nav>
      )}
    </>
  );
}
