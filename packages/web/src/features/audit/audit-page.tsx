import { useState, type FormEvent } from 'react';
import { query } from '../../api/client.ts';
import type { AuditRecord } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { AuditTable } from '../invoices/audit-trail.tsx';
import { ChainVerification } from './chain-verification.tsx';

/** Object types that write audit rows, most asked about first. */
const OBJECT_TYPES = [
  'invoice', 'exception', 'approval_request', 'control_release', 'customer', 'contract', 'payment', 'usage_batch',
  'user', 'approval_limit', 'approval_delegation', 'api_key', 'legal_entity', 'supplier', 'product', 'gl_account', 'tax_code',
];

/** True when the row happened on or after `from` and on or before `to` (calendar days, UTC). */
function inPeriod(row: AuditRecord, from: string, to: string): boolean {
  const day = row.occurredAt.slice(0, 10);
  return (!from || day >= from) && (!to || day <= to);
}

/**
 * The audit trail of one object (from the URL, so links can open it), narrowed to a period,
 * and the chain verification. The API lists rows per object; there is no listing of all rows
 * by time, so the period narrows the object's own history.
 */
export function AuditPage() {
  const { can } = useSession();
  const { search } = useLocation();
  const objectType = search.get('type') ?? 'invoice';
  const objectId = search.get('id') ?? '';
  const [draft, setDraft] = useState({ type: objectType, id: objectId });
  const [period, setPeriod] = useState({ from: '', to: '' });
  const audit = useApi<{ data: AuditRecord[] }>(objectId ? `/v1/audit/${objectType}/${encodeURIComponent(objectId)}` : null);
  const rows = audit.data?.data.filter((row) => inPeriod(row, period.from, period.to)) ?? [];

  const open = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/audit${query({ type: draft.type, id: draft.id.trim() })}`, { replace: true });
  };

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="subtitle">Who changed what and when, append-only and hash-chained.</p>
        </div>
      </header>
      {can('audit:verify') && <ChainVerification />}
      <section aria-labelledby="browse-title">
        <h2 id="browse-title">History of an object</h2>
        <form className="filters" onSubmit={open} aria-label="Find an object's history">
          <div className="field">
            <label htmlFor="au-type">Object type</label>
            <select id="au-type" value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
              {OBJECT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="au-id">Object id</label>
            <input id="au-id" required placeholder="inv_…, cus_…, rel_…" value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
          </div>
          <button type="submit">Show history</button>
          <div className="field">
            <label htmlFor="au-from">From</label>
            <input id="au-from" type="date" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="au-to">To</label>
            <input id="au-to" type="date" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
          </div>
        </form>
        {!objectId && <Empty>Choose an object type and paste its id (an invoice's id is in its address, /invoices/inv_…) to see its history.</Empty>}
        {audit.error && <ErrorNotice error={audit.error} retry={audit.reload} title="The history could not be loaded." />}
        {!audit.data && audit.loading && <Loading what="the history" />}
        {audit.data && rows.length === 0 && (
          <Empty>{audit.data.data.length === 0 ? `No audit rows for ${objectType.replaceAll('_', ' ')} ${objectId}. Check the type and the id.` : 'No rows in this period.'}</Empty>
        )}
        {rows.length > 0 && <AuditTable rows={rows} caption={`Audit history of ${objectType} ${objectId}, oldest first`} />}
      </section>
    </>
  );
}
