import { query } from '../../api/client.ts';
import type { ApprovalRequest, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useWorkCounts } from '../../app/work-counts.tsx';
import { useSession } from '../../session/session.tsx';
import { SlaBadge } from '../../ui/badges.tsx';
import { dateTime, money, words } from '../../ui/format.ts';
import { ApprovalDecision } from '../work/approval-decision.tsx';

/** The document's latest approval request: its steps, who acted, and the decision form for an approver. */
export function InvoiceApproval({ invoiceId, onChanged }: { invoiceId: string; onChanged: () => void }) {
  const { can } = useSession();
  const counts = useWorkCounts();
  const requests = useApi<Page<ApprovalRequest>>(`/v1/approvals${query({ documentId: invoiceId, limit: 20 })}`);
  const latest = requests.data?.data.at(-1);
  if (!latest) return null;
  const detail = latest;
  return (
    <section aria-labelledby="approval-title">
      <h2 id="approval-title">Approval</h2>
      <p>
        {words(detail.status)} · route <code>{detail.routeId}</code> · {money(detail.amount, detail.currency)} · submission {detail.submission}
        {detail.rejectionReason && <> · rejected: “{detail.rejectionReason}”</>}
      </p>
      <ol className="steps">
        {detail.steps.map((step) => (
          <li key={step.id}>
            <strong>{step.name}</strong> ({step.mode} of {step.candidates.map((c) => (c.kind === 'role' ? `any ${words(c.role)}` : c.userId)).join(', ')}): {step.status}
            {step.status === 'pending' && <> <SlaBadge dueAt={step.dueAt} overdue={step.overdue} /></>}
            {step.approvedBy.length > 0 && <span className="muted small"> approved by {step.approvedBy.join(', ')}</span>}
            {step.completedAt && <span className="muted small"> · {dateTime(step.completedAt)}</span>}
          </li>
        ))}
      </ol>
      {detail.status === 'pending' && can('approvals:act') && (
        <ApprovalDecision
          request={detail}
          label="this invoice"
          onDecided={() => {
            requests.reload();
            counts.refresh();
            onChanged();
          }}
        />
      )}
    </section>
  );
}
