import { useEffect, useRef, useState } from 'react';
import { EntitySelect } from '../../app/entities.tsx';
import { CustomerPicker } from '../customers/customer-picker.tsx';

export const LIFECYCLES = ['draft', 'validated', 'on_hold', 'pending_approval', 'approved', 'posting', 'posted', 'sent', 'paid', 'void'] as const;

export interface InvoiceFilters {
  q: string;
  entityId: string;
  status: string;
  lifecycle: string;
  customerId: string;
  billingPeriod: string;
  kind: string;
  billRunId: string;
}

export const FILTER_KEYS: (keyof InvoiceFilters)[] = ['q', 'entityId', 'status', 'lifecycle', 'customerId', 'billingPeriod', 'kind', 'billRunId'];

/** The filter bar of the invoice list; every change applies at once (the server filters). */
export function InvoiceFilterBar({ filters, onChange }: { filters: InvoiceFilters; onChange: (next: InvoiceFilters) => void }) {
  const set = (key: keyof InvoiceFilters) => (value: string) => onChange({ ...filters, [key]: value });
  return (
    <form className="filters" role="search" aria-label="Filter invoices" onSubmit={(e) => e.preventDefault()}>
      <SearchField value={filters.q} onChange={set('q')} />
      <div className="field">
        <label htmlFor="f-entity">Entity</label>
        <EntitySelect id="f-entity" value={filters.entityId} onChange={set('entityId')} />
      </div>
      <div className="field">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" value={filters.status} onChange={(e) => set('status')(e.target.value)}>
          <option value="">Any status</option>
          <option value="draft">Draft</option>
          <option value="finalized">Finalized</option>
          <option value="void">Void</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-lifecycle">Lifecycle</label>
        <select id="f-lifecycle" value={filters.lifecycle} onChange={(e) => set('lifecycle')(e.target.value)}>
          <option value="">Any stage</option>
          {LIFECYCLES.map((l) => (
            <option key={l} value={l}>
              {l.replace('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-kind">Type</label>
        <select id="f-kind" value={filters.kind} onChange={(e) => set('kind')(e.target.value)}>
          <option value="">Invoices and credit memos</option>
          <option value="invoice">Invoices</option>
          <option value="credit_memo">Credit memos</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-period">Billing period</label>
        <input id="f-period" type="month" value={filters.billingPeriod} onChange={(e) => set('billingPeriod')(e.target.value)} />
      </div>
      <CustomerPicker id="f-customer" value={filters.customerId} onChange={set('customerId')} entityId={filters.entityId} />
    </form>
  );
}

/** Number or customer name: applied a moment after typing stops (one request, not one per key). */
function SearchField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const apply = useRef(onChange);
  apply.current = onChange;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return undefined;
    const timer = window.setTimeout(() => apply.current(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text, value]);
  return (
    <div className="field">
      <label htmlFor="f-q">Search</label>
      <input id="f-q" type="search" placeholder="Number or customer" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
    </div>
  );
}
