import { useState } from 'react';
import { api, ApiError, query } from '../../api/client.ts';
import type { DeadLetter, ReplayedJobs } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { LifecycleBadge } from '../../ui/badges.tsx';
import { dateTime, words } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { RetryMessage, type RetryOutcome } from './posting-state.tsx';

/** Job types in words; others are shown as their code in words. */
const JOB_TYPES: Record<string, string> = {
  post_document: 'Posting to the ERP',
  send_invoice: 'Sending an invoice',
  deliver_webhook: 'Delivering a webhook',
  execute_bill_run: 'Running a bill run',
  send_approval_reminder: 'Sending an approval reminder',
};

function jobName(type: string): string {
  return JOB_TYPES[type] ?? words(type);
}

/** What a person calls a dead job: its document's number, else its type and id. */
function jobLabel(job: DeadLetter | undefined, id: string): string {
  if (!job) return id;
  return job.document ? `${jobName(job.type)} of ${job.document.number ?? job.document.id}` : `${jobName(job.type)}, job ${job.id}`;
}

/**
 * The dead-letter queue: jobs that ran out of attempts (or failed in a way retrying cannot
 * fix), with the document each was about. Users who may manage integrations replay one or
 * a selection: each is queued again with fresh attempts, and a posting already in the ERP
 * is found by its external id instead of being made twice.
 */
export function DeadLetters({ onReplayed }: { onReplayed: () => void }) {
  const { can } = useSession();
  const mayReplay = can('integrations:manage');
  const entityCode = useEntityCode();
  const [type, setType] = useState('');
  const list = useApi<{ data: DeadLetter[] }>(`/v1/integrations/dead-letters${query({ type, limit: 100 })}`);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null);
  const jobs = list.data?.data ?? [];
  const chosen = jobs.filter((j) => selected.has(j.id)).map((j) => j.id);
  const allChosen = jobs.length > 0 && chosen.length === jobs.length;

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  const replay = async (ids: string[]) => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = ids.length === 1
        ? await api<ReplayedJobs>(`/v1/integrations/dead-letters/${encodeURIComponent(ids[0]!)}/replay`, { method: 'POST' })
        : await api<ReplayedJobs>('/v1/integrations/dead-letters/replay', { method: 'POST', body: { ids } });
      const names = result.replayed.map((id) => jobLabel(jobs.find((j) => j.id === id), id));
      setOutcome(
        result.replayed.length === 0
          ? { tone: 'error', text: 'Nothing was replayed: none of these jobs is in the dead-letter queue any more.' }
          : { tone: 'notice', text: `Replayed ${result.replayed.length === 1 ? '1 job' : `${result.replayed.length} jobs`} — ${names.join('; ')}. Queued again with fresh attempts: a worker runs ${result.replayed.length === 1 ? 'it' : 'them'} next.` },
      );
      setSelected(new Set());
    } catch (failure) {
      setOutcome({ tone: 'error', text: `Not replayed: ${failure instanceof ApiError ? failure.explanation : String(failure)}` });
    } finally {
      setBusy(false);
      list.reload();
      onReplayed();
    }
  };

  return (
    <section aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">Dead letters</h2>
      <p className="muted small">
        Jobs that gave up after their last attempt. A posting that gave up holds its document; once the cause is fixed, replaying it posts the document — exactly once.
      </p>
      <div className="inline-form">
        <label htmlFor="dl-type">Job type</label>
        <select
          id="dl-type"
          value={type}
          onChange={(e) => {
            setType(e.target.value);
            setSelected(new Set());
          }}
        >
          <option value="">Every job type</option>
          {Object.entries(JOB_TYPES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        {mayReplay && jobs.length > 0 && (
          <button type="button" disabled={busy || chosen.length === 0} onClick={() => void replay(chosen)}>
            {busy ? 'Replaying…' : `Replay selected${chosen.length > 0 ? ` (${chosen.length})` : ''}`}
          </button>
        )}
      </div>
      {outcome && <RetryMessage outcome={outcome} />}
      {list.error && <ErrorNotice error={list.error} retry={list.reload} title="The dead letters could not be loaded." />}
      {!list.data && list.loading && <Loading what="dead letters" />}
      {list.data && jobs.length === 0 && <Empty>No dead letters. Every job finished or is still being retried.</Empty>}
      {jobs.length > 0 && (
        <table className="data compact dead-letters">
          <caption className="sr-only">Dead jobs, the most recent failure first</caption>
          <thead>
            <tr>
              {mayReplay && (
                <th scope="col" className="select">
                  <input type="checkbox" aria-label="Select every dead letter listed" checked={allChosen} onChange={(e) => setSelected(new Set(e.target.checked ? jobs.map((j) => j.id) : []))} />
                </th>
              )}
              <th scope="col">Job</th>
              <th scope="col">Document</th>
              <th scope="col" className="num">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Failed at</th>
              {mayReplay && <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} data-job={job.id}>
                {mayReplay && (
                  <td className="select">
                    <input type="checkbox" aria-label={`Select ${jobLabel(job, job.id)}`} checked={selected.has(job.id)} onChange={(e) => toggle(job.id, e.target.checked)} />
                  </td>
                )}
                <td>
                  {jobName(job.type)}
                  <div className="muted small">
                    <code>{job.type}</code> {job.id}
                  </div>
                </td>
                <td>
                  {job.document ? (
                    <>
                      <Link to={`/invoices/${job.document.id}`}>{job.document.number ?? job.document.id}</Link>
                      <div className="small">
                        <LifecycleBadge lifecycle={job.document.lifecycle} /> <span className="muted">{entityCode(job.document.entityId)}</span>
                      </div>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num">{job.attempts}</td>
                <td className="small">{job.lastError ? <span className="error-text">{job.lastError}</span> : <span className="muted">no error recorded</span>}</td>
                <td className="nowrap">{dateTime(job.failedAt)}</td>
                {mayReplay && (
                  <td>
                    <button type="button" className="secondary" disabled={busy} onClick={() => void replay([job.id])}>
                      Replay<span className="sr-only"> {jobLabel(job, job.id)}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
