import type { DocumentTrace } from '../../api/types.ts';
import { LifecycleBadge } from '../../ui/badges.tsx';
import { dateTime, words } from '../../ui/format.ts';

type Decision = DocumentTrace['decisions'][number];

/** "Why is it where it is": the plain-language answer, first. */
export function WhyPanel({ trace }: { trace: DocumentTrace }) {
  return (
    <section aria-labelledby="why-title" className="why">
      <h2 id="why-title">Why it is {words(trace.lifecycle)}</h2>
      <ul>
        {trace.why.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </section>
  );
}

/** The lifecycle transitions in order, each with who made it and why. */
export function StatusTimeline({ trace }: { trace: DocumentTrace }) {
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Status timeline</h2>
      {trace.transitions.length === 0 ? (
        <p className="muted">No transitions yet: the document is still a draft.</p>
      ) : (
        <ol className="timeline">
          {trace.transitions.map((t) => (
            <li key={t.id}>
              <LifecycleBadge lifecycle={t.from} /> → <LifecycleBadge lifecycle={t.to} />
              <span className="muted small">
                {' '}
                {dateTime(t.at)} · {t.actor}
              </span>
              {t.reason && <div className="small">{t.reason}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ruleOutcomes(decision: Decision): { ruleId: string; status: string; blocking: boolean; message: string | null }[] {
  const outcomes = decision.result.outcomes;
  return Array.isArray(outcomes) ? (outcomes as { ruleId: string; status: string; blocking: boolean; message: string | null }[]) : [];
}

/** Every controls decision with the rule set or policy version it applied and what it decided. */
export function DecisionTrace({ trace }: { trace: DocumentTrace }) {
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">Decision trace</h2>
      {trace.decisions.length === 0 && <p className="muted">No controls decision has been recorded yet.</p>}
      <ol className="decisions">
        {trace.decisions.map((d) => {
          const outcomes = ruleOutcomes(d);
          const passed = Array.isArray(d.result.passed) ? (d.result.passed as string[]) : [];
          return (
            <li key={d.id}>
              <details>
                <summary>
                  <strong>{words(d.kind)}</strong>: {words(d.outcome)}
                  <span className="muted small">
                    {' '}
                    {d.policyKind ? `${words(d.policyKind)} ${d.policyVersion === null ? '(none published)' : `v${d.policyVersion}`}` : ''} · {d.actor} · {dateTime(d.decidedAt)}
                  </span>
                </summary>
                {outcomes.length > 0 && (
                  <ul className="small">
                    {outcomes.map((o) => (
                      <li key={o.ruleId}>
                        <code>{o.ruleId}</code> {o.status}
                        {o.blocking ? ' (blocking)' : ''}: {o.message}
                      </li>
                    ))}
                  </ul>
                )}
                {passed.length > 0 && <p className="small muted">Passed: {passed.join(', ')}</p>}
                {typeof d.result.description === 'string' && <p className="small">{d.result.description}</p>}
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
