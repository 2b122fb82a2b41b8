import { relative, words } from './format.ts';

const LIFECYCLE_TONE: Record<string, string> = {
  draft: 'neutral',
  validated: 'info',
  on_hold: 'danger',
  pending_approval: 'warning',
  approved: 'success',
  posting: 'info',
  posted: 'success',
  sent: 'success',
  paid: 'success',
  void: 'muted',
};

/** Where a document is in the controls, as a coloured word. */
export function LifecycleBadge({ lifecycle }: { lifecycle: string }) {
  return <span className={`badge ${LIFECYCLE_TONE[lifecycle] ?? 'neutral'}`}>{words(lifecycle)}</span>;
}

/** Severity of an exception. */
export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge ${severity === 'block' ? 'danger' : severity === 'warn' ? 'warning' : 'neutral'}`}>{severity === 'block' ? 'blocking' : severity}</span>;
}

/** SLA state of an open item: overdue, due within 4 hours, or on time. */
export function SlaBadge({ dueAt, overdue, now = Date.now() }: { dueAt: string | null; overdue: boolean; now?: number }) {
  if (!dueAt) return null;
  const dueSoon = !overdue && new Date(dueAt).getTime() - now < 4 * 3_600_000;
  const tone = overdue ? 'danger' : dueSoon ? 'warning' : 'success';
  const label = overdue ? `overdue, due ${relative(dueAt, now)}` : `due ${relative(dueAt, now)}`;
  return (
    <span className={`badge ${tone}`} title={`SLA due ${new Date(dueAt).toLocaleString()}`}>
      SLA: {label}
    </span>
  );
}
