import type { AuditRecord } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useActorName } from '../../app/actors.tsx';
import { dateTime, words } from '../../ui/format.ts';
import { ErrorNotice, Loading } from '../../ui/states.tsx';

/** The change of one audit row in a line: `field: before → after`, or its plain fields. */
function summarize(diff: Record<string, unknown>): string {
  const before = diff.before as Record<string, unknown> | undefined;
  const after = diff.after as Record<string, unknown> | undefined;
  if (before && after) return Object.keys(after).map((k) => `${k}: ${String(before[k])} → ${String(after[k])}`).join(', ');
  return Object.entries(diff)
    .filter(([, v]) => typeof v !== 'object' || v === null)
    .slice(0, 6)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/** Audit rows as a table: when, who, what, and the change in short. */
export function AuditTable({ rows, caption }: { rows: AuditRecord[]; caption?: string }) {
  const name = useActorName();
  return (
    <table className="data compact">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{dateTime(row.occurredAt)}</td>
            <td>{name(row.actor)}</td>
            <td>{words(row.action)}</td>
            <td className="small">
              {summarize(row.diff)}
              {row.reason && <div>Reason: {row.reason}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The object's audit rows, oldest first (hash-chained on the server). */
export function AuditTrail({ objectType, objectId }: { objectType: string; objectId: string }) {
  const audit = useApi<{ data: AuditRecord[] }>(`/v1/audit/${objectType}/${encodeURIComponent(objectId)}`);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      {audit.error && <ErrorNotice error={audit.error} retry={audit.reload} title="The audit trail could not be loaded." />}
      {!audit.data && audit.loading && <Loading what="the audit trail" />}
      {audit.data && <AuditTable rows={audit.data.data} />}
    </section>
  );
}
