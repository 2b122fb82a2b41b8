import { query } from '../../api/client.ts';
import type { Page, UsageEvent } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { dateTime, groupDigits } from '../../ui/format.ts';
import { Pager, useCursorPages } from '../../ui/pager.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';

const PAGE_SIZE = 25;

/** The review queue for one customer and window: events stored flagged (not billed), each with why. */
export function FlaggedEvents({ customerId, from, to, label }: { customerId: string; from: string; to: string; label: string }) {
  const pages = useCursorPages(`${customerId}|${from}|${to}`);
  const events = useApi<Page<UsageEvent>>(`/v1/usage-events${query({ customerId, status: 'flagged', from, to, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  return (
    <section aria-labelledby="flagged-title">
      <h2 id="flagged-title">Held for review</h2>
      <p className="subtitle">Events stored but not billed until someone has looked at them, {label}.</p>
      {events.error && <ErrorNotice error={events.error} retry={events.reload} title="The held events could not be loaded." />}
      {!events.data && events.loading && <Loading what="held events" />}
      {events.data && events.data.data.length === 0 && pages.page === 1 && <Empty>No events are held for review in this period.</Empty>}
      {events.data && events.data.data.length > 0 && (
        <table className="data compact" aria-busy={events.loading}>
          <caption className="sr-only">Events held for review, page {pages.page}</caption>
          <thead>
            <tr>
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
