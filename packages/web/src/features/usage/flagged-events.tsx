import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { Page, UsageEvent } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { dateTime, groupDigits } from '../../ui/format.ts';
import { Pager, useCursorPages } from '../../ui/pager.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useSession } from '../../session/session.tsx';
import { permissionsOf } from '../../session/permissions.ts';
import { UsageReviewBar } from './usage-review-bar.tsx';

const PAGE_SIZE = 25;

/**
 * The review queue for one customer and window: events stored flagged (not billed), each
 * with why. Users who may send usage select events and release them to billing or reject
 * them, with a reason.
 */
export function FlaggedEvents({ customerId, from, to, label, onReviewed }: { customerId: string; from: string; to: string; label: string; onReviewed?: () => void }) {
  const { me } = useSession();
  const mayReview = permissionsOf(me).has('usage:write');
  const pages = useCursorPages(`${customerId}|${from}|${to}`);
  const events = useApi<Page<UsageEvent>>(`/v1/usage-events${query({ customerId, status: 'flagged', from, to, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const shown = events.data?.data ?? [];
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const allSelected = shown.length > 0 && shown.every((e) => selected.has(e.id));
  return (
    <section aria-labelledby="flagged-title">
      <h2 id="flagged-title">Held for review</h2>
      <p className="subtitle">Events stored but not billed until someone has looked at them, {label}.</p>
      {events.error && <ErrorNotice error={events.error} retry={events.reload} title="The held events could not be loaded." />}
      {!events.data && events.loading && <Loading what="held events" />}
      {notice && (
        <p className="state notice" role="status">
          {notice}
        </p>
      )}
      {mayReview && selected.size > 0 && (
        <UsageReviewBar
          events={[...selected].map((id) => ({ customerId, id }))}
          onClear={() => setSelected(new Set())}
          onDone={(text) => {
            setNotice(text);
            setSelected(new Set());
            events.reload();
            onReviewed?.();
          }}
        />
      )}
      {events.data && events.data.data.length === 0 && pages.page === 1 && <Empty>No events are held for review in this period.</Empty>}
      {events.data && events.data.data.length > 0 && (
        <table className="data compact" aria-busy={events.loading}>
          <caption className="sr-only">Events held for review, page {pages.page}</caption>
          <thead>
            <tr>
              {mayReview && (
                <th scope="col">
                  <input type="checkbox" aria-label="Select every event on this page" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(shown.map((e) => e.id)))} />
                </th>
              )}
              <th scope="col">Occurred</th>
              <th scope="col">Metric</th>
              <th scope="col" className="num">Quantity</th>
              <th scope="col">Reason</th>
              <th scope="col">Source and id</th>
            </tr>
          </thead>
          <tbody>
            {events.data.data.map((e) => (
              <tr key={e.id}>
                {mayReview && (
                  <td>
                    <input type="checkbox" aria-label={`Select the ${e.metric} event of ${dateTime(e.occurredAt)}`} checked={selected.has(e.id)} onChange={() => toggle(e.id)} />
                  </td>
                )}
                <td className="nowrap">{dateTime(e.occurredAt)}</td>
                <td>{e.metric}</td>
                <td className="num">{groupDigits(e.quantity)}</td>
                <td>{e.flagReason ?? 'flagged'}</td>
                <td className="small">
                  <code>{e.source}</code> <code>{e.eventId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.data && (events.data.nextCursor || pages.page > 1) && <Pager page={pages.page} nextCursor={events.data.nextCursor} onNext={pages.next} onPrevious={pages.previous} />}
    </section>
  );
}
