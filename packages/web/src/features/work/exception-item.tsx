import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { ExceptionRecord } from '../../api/types.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { useWorkCounts } from '../../app/work-counts.tsx';
import { useSession } from '../../session/session.tsx';
import { SeverityBadge, SlaBadge } from '../../ui/badges.tsx';
import { dateTime, words } from '../../ui/format.ts';
import { FixTaxId } from './fix-tax-id.tsx';
import { ResolveForm } from './resolve-form.tsx';

/** One exception with what can be done about it: assign to me, resolve (override with a reason), re-validate, or fix the data. */
export function ExceptionItem({ exception, onChanged, showDocument = true, selected, onSelect }: {
  exception: ExceptionRecord;
  onChanged: (notice: string) => void;
  showDocument?: boolean;
  /** With `onSelect`: a checkbox to pick it for a bulk action. */
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
}) {
  const { can, me } = useSession();
  const counts = useWorkCounts();
  const entityCode = useEntityCode();
  const [open, setOpen] = useState<'resolve' | 'fix' | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'notice'; text: string } | null>(null);
  const e = exception;
  const manage = can('exceptions:manage') && e.status === 'open';

  const act = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      const text = await work();
      setMessage({ tone: 'notice', text });
      setOpen(null);
      counts.refresh();
      onChanged(`${e.title} — ${text}`);
    } catch (failure) {
      setMessage({ tone: 'error', text: failure instanceof ApiError ? failure.explanation : String(failure) });
    }
  };

  const assignToMe = () => act(async () => {
    await api(`/v1/exceptions/${e.id}/assign`, { method: 'POST', body: { userId: me.user.id } });
    return 'Assigned to you.';
  });
  const revalidate = () => act(async () => {
    const result = await api<{ outcome: string; reasons: string[] }>(`/v1/invoices/${e.documentId}/submit`, { method: 'POST' });
    return `Re-validated: ${words(result.outcome)}${result.reasons.length ? ` — ${result.reasons.join('; ')}` : ''}.`;
  });

  return (
    <li className={`exception ${e.overdue ? 'overdue' : ''}`} aria-label={e.title}>
      <div className="exception-head">
        {onSelect && <input type="checkbox" checked={selected ?? false} onChange={(event) => onSelect(event.target.checked)} aria-label={`Select: ${e.title}`} />}
        <SeverityBadge severity={e.severity} />
        <strong>{e.title}</strong>
      </div>
      <div className="meta small">
        {words(e.category)} · {entityCode(e.entityId)}
        {showDocument && (
          <>
            {' · '}
            <Link to={`/invoices/${e.documentId}`}>open the {words(e.documentType)}</Link>
          </>
        )}
        {' · '}
        {e.assigneeUserId ? (e.assigneeUserId === me.user.id ? 'assigned to you' : `assigned to ${e.assigneeUserId}`) : 'unassigned'}
        {e.assigneeTeam && ` · team ${e.assigneeTeam}`} · raised {dateTime(e.createdAt)}{' '}
        {e.status === 'open' ? <SlaBadge dueAt={e.dueAt} overdue={e.overdue} /> : <span className="badge success">resolved: {words(e.resolution ?? '')}</span>}
        {e.resolutionReason && <span> · “{e.resolutionReason}”</span>}
      </div>
      {manage && (
        <div className="actions">
          {e.assigneeUserId !== me.user.id && (
            <button type="button" className="secondary" onClick={() => void assignToMe()}>
              Assign to me
            </button>
          )}
          {e.ruleId === 'builtin.tax_id_missing_or_invalid' && can('customers:write') && (
            <button type="button" className="secondary" aria-expanded={open === 'fix'} onClick={() => setOpen(open === 'fix' ? null : 'fix')}>
              Fix tax id…
            </button>
          )}
          {e.documentType !== 'supplier_bill' && can('invoices:write') && (
            <button type="button" className="secondary" onClick={() => void revalidate()}>
              Re-validate document
            </button>
          )}
          <button type="button" className="secondary" aria-expanded={open === 'resolve'} onClick={() => setOpen(open === 'resolve' ? null : 'resolve')}>
            Resolve…
          </button>
        </div>
      )}
      {open === 'resolve' && <ResolveForm exception={e} onResolve={(body) => act(async () => {
        await api(`/v1/exceptions/${e.id}/resolve`, { method: 'POST', body });
        return `Resolved: ${words(body.resolution)}.`;
      })} />}
      {open === 'fix' && <FixTaxId documentId={e.documentId} onFixed={(text) => act(async () => text)} />}
      {message && (
        <p className={`state ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </li>
  );
}
