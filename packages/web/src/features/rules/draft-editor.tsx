import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { ReleaseRecord } from '../../api/types.ts';
import { releasePath } from './release-kinds.tsx';

/** A CEL problem as the server lists it in the 422 problem's `problems`. */
interface CelProblem {
  ruleId: string;
  field: string;
  line: number;
  column: number;
  message: string;
  pointer: string;
}

/**
 * What is wrong with the content, one line each: CEL problems with their rule, field, line
 * and column; other issues (a JSONata template that does not compile, a mapping table's
 * bad entry) by JSON pointer with the server's words.
 */
function feedbackOf(error: ApiError): string[] {
  const listed = Array.isArray(error.problem.problems) ? (error.problem.problems as Partial<CelProblem>[]) : [];
  // ERP mappings list JSONata problems here too; their field issue already says everything in words.
  const problems = listed.filter((p): p is CelProblem => typeof p.ruleId === 'string');
  const lines = problems.map((p) => `Rule ${p.ruleId}, ${p.field}, line ${p.line}, column ${p.column}: ${p.message}`);
  const pointers = new Set(problems.map((p) => p.pointer));
  for (const field of error.fields) if (!pointers.has(field.path)) lines.push(`${field.path || 'content'}: ${field.message}`);
  return lines.length > 0 ? lines : [error.message];
}

/** What the content is, beside the editor, per release kind. */
const HINTS: Record<string, ReactNode> = {
  rule_set: (
    <>
      Each rule's <code>condition</code> is a CEL expression that is true when the document fails the rule. The server checks every expression when you save.
    </>
  ),
  approval_policy: <>The approval routes, their conditions and steps. The server checks the policy when you save and lists any gaps when it is published.</>,
  erp_mapping: (
    <>
      Per connection under <code>connections</code>: <code>entities</code>, <code>accounts</code>, <code>taxCodes</code> (and optionally <code>products</code>, <code>customers</code>,{' '}
      <code>dimensions</code>, <code>defaults</code>) map our ids to the ERP's; <code>templates.invoice</code> and <code>templates.credit_memo</code> are JSONata expressions that build the
      request body. The server compiles every template when you save (docs/erp-mappings.md).
    </>
  ),
};

/**
 * Edit a draft's content as JSON. Saving sends the revision read (a stale one is refused
 * with 409); the server checks every CEL expression (rule sets) or JSONata template (ERP
 * mappings) and the refusal is shown beside the field, naming where the problem is.
 */
export function DraftEditor({ release, onSaved }: { release: ReleaseRecord; onSaved: (saved: ReleaseRecord) => void }) {
  const [text, setText] = useState(() => JSON.stringify(release.content, null, 2));
  const [notes, setNotes] = useState(release.notes ?? '');
  const [feedback, setFeedback] = useState<{ tone: 'error' | 'notice'; lines: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `draft-${release.kind}-${release.version}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch (failure) {
      setFeedback({ tone: 'error', lines: [`The content is not valid JSON: ${(failure as Error).message}`] });
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      const saved = await api<ReleaseRecord>(releasePath(release.kind, release.version), {
        method: 'PATCH',
        body: { revision: release.revision, content, notes: notes.trim() || null },
      });
      setFeedback({ tone: 'notice', lines: [`Saved as revision ${saved.revision}. Simulate it before asking another controller to publish.`] });
      onSaved(saved);
    } catch (failure) {
      const error = failure instanceof ApiError ? failure : new ApiError(String(failure), 0, null);
      setFeedback({ tone: 'error', lines: error.status === 422 ? feedbackOf(error) : [error.explanation] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="draft-editor" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Edit the draft</h2>
      <div className="editor-grid">
        <div className="field">
          <label htmlFor={`${id}-content`}>Content (JSON)</label>
          <textarea
            id={`${id}-content`}
            className="code"
            rows={24}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={feedback?.tone === 'error'}
            aria-describedby={`${id}-feedback`}
          />
        </div>
        <div id={`${id}-feedback`} className="editor-feedback" aria-live="polite">
          {feedback === null && <p className="muted small">{HINTS[release.kind] ?? HINTS.rule_set}</p>}
          {feedback && (
            <div className={`state ${feedback.tone}`} role={feedback.tone === 'error' ? 'alert' : 'status'}>
              {feedback.tone === 'error' && <strong>Not saved. </strong>}
              <ul className="plain">
                {feedback.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes: what changes and why</label>
        <input id={`${id}-notes`} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save draft
        </button>
      </div>
    </form>
  );
}
