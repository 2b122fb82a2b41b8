import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { ApprovalRequest, Invoice, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { countLabel, COUNT_CAP, useWorkCounts } from '../../app/work-counts.tsx';
import { SlaBadge } from '../../ui/badges.tsx';
import { dateTime, money } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { ApprovalEvidence } from './approval-evidence.tsx';
import { ApprovalDecision } from './approval-decision.tsx';

/** Approval requests with an open step where I am a candidate (or a delegate), oldest first. */
export function ApprovalQueue() {
  const queue = useApi<Page<ApprovalRequest>>(`/v1/approvals${query({ mine: true, limit: COUNT_CAP })}`);
  const counts = useWorkCounts();
  const [decided, setDecided] = useState<Record<string, string>>({});
  const waiting = queue.data?.data.filter((r) => !decided[r.id]) ?? [];

  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">
        Approvals waiting for me {queue.data && <span className="count">{countLabel(waiting.length)}</span>}
      </h2>
      {queue.error && <ErrorNotice error={queue.error} retry={queue.reload} title="Your approvals could not be loaded." />}
      {!queue.data && queue.loading && <Loading what="your approvals" />}
      {Object.entries(decided).map(([id, text]) => (
        <p key={id} className="state notice" role="status">
          {text}
        </p>
      ))}
      {queue.data && waiting.length === 0 && <Empty>Nothing is waiting for your approval.</Empty>}
      <ul className="approvals">
        {waiting.map((request) => (
          <ApprovalRow
            key={request.id}
            request={request}
            onDecided={(updated, label) => {
              setDecided((d) => ({ ...d, [request.id]: `${label}: ${updated.status === 'pending' ? 'your step is approved; further steps are open' : updated.status}.` }));
              counts.refresh();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function ApprovalRow({ request, onDecided }: { request: ApprovalRequest; onDecided: (updated: ApprovalRequest, label: string) => void }) {
  const invoice = useApi<Invoice>(`/v1/invoices/${request.documentId}`);
  // Loaded when opened: a page of approvals does not fetch every document's evidence.
  const [showEvidence, setShowEvidence] = useState(false);
  const entityCode = useEntityCode();
  const step = request.steps.find((s) => s.status === 'pending');
  const inv = invoice.data;
  const label = inv ? `${inv.number ?? 'Draft'} for ${inv.buyer.name}` : request.documentId;
  return (
    <li className="approval" aria-label={`Approval of ${label}`}>
      <div className="approval-main">
        <div>
          <Link to={`/invoices/${request.documentId}`}>
            <strong>{label}</strong>
          </Link>
          <div className="meta small">
            {entityCode(request.entityId)} · route {request.routeId} · {step ? step.name : 'no open step'} · requested {dateTime(request.createdAt)}{' '}
            {step && <SlaBadge dueAt={step.dueAt} overdue={step.overdue} />}
          </div>
          {inv && (
            <div className="small">
              {inv.lines.length} line{inv.lines.length === 1 ? '' : 's'} · total {money(inv.total, inv.currency)} · tax {money(inv.taxTotal, inv.currency)}
              {inv.billingPeriod && ` · period ${inv.billingPeriod}`}
            </div>
          )}
        </div>
        <div className="amount">{money(request.amount, request.currency)}</div>
      </div>
      {inv && (
        <details className="evidence-toggle" onToggle={(e) => setShowEvidence(e.currentTarget.open)}>
          <summary>Evidence: lines, rule results, the customer's history, segregation of duties</summary>
          {showEvidence && <ApprovalEvidence request={request} invoice={inv} />}
        </details>
      )}
      <ApprovalDecision request={request} label={label} onDecided={(updated) => onDecided(updated, label)} />
    </li>
  );
}
