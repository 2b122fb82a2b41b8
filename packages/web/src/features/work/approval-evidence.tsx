import { query } from '../../api/client.ts';
import type { ApprovalRequest, DocumentTrace, Invoice, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { money, words } from '../../ui/format.ts';

interface RuleOutcome {
  ruleId: string;
  status: string;
  message: string | null;
}

/** Who may decide the open step, in words (`user:…` candidates by id, roles by name). */
function candidatesOf(request: ApprovalRequest): string {
  const step = request.steps.find((s) => s.status === 'pending');
  if (!step) return 'no open step';
  return step.candidates.map((c) => (c.kind === 'role' ? `anyone with the ${words(c.role)} role` : c.userId)).join(', ');
}

/**
 * What an approver looks at before deciding, beside the request: the lines, what the rules
 * found (the latest validation), the customer's recent invoices, and segregation of duties
 * (who created the document, who may decide, whether that is you). The server still checks
 * candidacy, limits and SoD on the decision itself.
 */
export function ApprovalEvidence({ request, invoice }: { request: ApprovalRequest; invoice: Invoice }) {
  const { me } = useSession();
  const trace = useApi<DocumentTrace>(`/v1/invoices/${request.documentId}/decisions`);
  const history = useApi<Page<Invoice>>(`/v1/invoices${query({ customerId: invoice.customerId, kind: invoice.kind, status: 'finalized', limit: 6 })}`);
  const validation = trace.data?.decisions.filter((d) => d.kind === 'validation').at(-1);
  const outcomes = (Array.isArray(validation?.result.outcomes) ? validation.result.outcomes : []) as RuleOutcome[];
  const passed = Array.isArray(validation?.result.passed) ? validation.result.passed.length : 0;
  const earlier = (history.data?.data ?? []).filter((d) => d.id !== invoice.id).slice(0, 5);
  const own = request.createdBy === me.actor;
  return (
    <div className="evidence small">
      <section aria-label="Lines">
        <h3>Lines</h3>
        <table className="data compact">
          <tbody>
            {invoice.lines.map((l) => (
              <tr key={l.id}>
                <td>{l.description}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">{money(l.amount, invoice.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-label="Rule results">
        <h3>Rule results</h3>
        {!validation && <p className="muted">{trace.error ? trace.error.explanation : 'Loading…'}</p>}
        {validation && (
          <ul>
            {outcomes.map((o) => (
              <li key={o.ruleId}>
                {words(o.status)}: {o.message ?? o.ruleId}
              </li>
            ))}
            <li>{passed} rules passed (rule set v{validation.policyVersion ?? '—'})</li>
          </ul>
        )}
      </section>
      <section aria-label="Customer history">
        <h3>The customer's recent invoices</h3>
        {history.data && earlier.length === 0 && <p className="muted">None issued before: a new customer.</p>}
        <ul>
          {earlier.map((d) => (
            <li key={d.id}>
              <Link to={`/invoices/${d.id}`}>{d.number}</Link> · {d.billingPeriod ?? '—'} · {money(d.total, d.currency)} · {words(d.paymentStatus)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Segregation of duties">
        <h3>Segregation of duties</h3>
        <p>
          Created by {request.createdBy}
          {own ? ' — that is you: you may not approve it.' : '; not you.'} May decide the open step: {candidatesOf(request)}.
        </p>
      </section>
    </div>
  );
}
