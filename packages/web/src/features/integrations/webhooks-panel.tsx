import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { Page, WebhookDelivery, WebhookSubscription } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { dateTime } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';

const PAGE_SIZE = 25;
const STATE_TONE: Record<WebhookDelivery['state'], string> = { pending: 'info', retrying: 'warning', delivered: 'success', dead: 'danger' };

/** The last answer of a delivery in words: the receiver's status, or why there was none. */
function lastAnswer(d: WebhookDelivery): string {
  if (d.lastStatus !== null) return `HTTP ${d.lastStatus}${d.lastError ? `: ${d.lastError}` : ''}`;
  return d.lastError ?? (d.attemptCount === 0 ? 'not attempted yet' : 'no response');
}

/** When it was delivered, or when the next attempt is due. */
function timing(d: WebhookDelivery): string {
  if (d.deliveredAt) return `delivered ${dateTime(d.deliveredAt)}`;
  if (d.nextAttemptAt && d.state !== 'dead') return `next attempt ${dateTime(d.nextAttemptAt)}`;
  return d.lastAttemptAt ? `last attempt ${dateTime(d.lastAttemptAt)}` : `queued ${dateTime(d.createdAt)}`;
}

/** Outbound webhooks: who is subscribed to which events, and the delivery log with each delivery's state (docs/webhooks.md). */
export function WebhooksPanel() {
  const subscriptions = useApi<{ data: WebhookSubscription[] }>('/v1/webhooks/subscriptions');
  const [state, setState] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const deliveries = useApi<Page<WebhookDelivery>>(`/v1/webhooks/deliveries${query({ state, limit: PAGE_SIZE, cursor: cursors.at(-1) })}`);
  const urlOf = (id: string) => subscriptions.data?.data.find((s) => s.id === id)?.url ?? id;

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <h3>Subscriptions</h3>
      {subscriptions.error && <ErrorNotice error={subscriptions.error} retry={subscriptions.reload} title="The webhook subscriptions could not be loaded." />}
      {!subscriptions.data && subscriptions.loading && <Loading what="webhook subscriptions" />}
      {subscriptions.data && subscriptions.data.data.length === 0 && (
        <Empty>
          No webhook subscriptions: nothing is told about invoices as they change. Subscribe a URL with <code>POST /v1/webhooks/subscriptions</code> (<code>docs/webhooks.md</code>).
        </Empty>
      )}
      {subscriptions.data && subscriptions.data.data.length > 0 && (
        <table className="data compact">
          <caption className="sr-only">Webhook subscriptions</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">Active</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.data.data.map((s) => (
              <tr key={s.id}>
                <td>
                  <code>{s.url}</code>
                  {s.description && <div className="muted small">{s.description}</div>}
                </td>
                <td className="small">{s.eventTypes.includes('*') ? 'every event' : s.eventTypes.join(', ')}</td>
                <td>{s.active ? <span className="badge success">active</span> : <span className="badge muted">disabled</span>}</td>
                <td className="nowrap">{dateTime(s.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Deliveries</h3>
      <div className="inline-form">
        <label htmlFor="wh-state">State</label>
        <select
          id="wh-state"
          value={state}
          onChange={(e) => {
            setState(e.target.value);
            setCursors([]);
          }}
        >
          <option value="">Any state</option>
          <option value="pending">Pending</option>
          <option value="retrying">Retrying</option>
          <option value="delivered">Delivered</option>
          <option value="dead">Dead</option>
        </select>
      </div>
      {deliveries.error && <ErrorNotice error={deliveries.error} retry={deliveries.reload} title="The webhook deliveries could not be loaded." />}
      {!deliveries.data && deliveries.loading && <Loading what="webhook deliveries" />}
      {deliveries.data && deliveries.data.data.length === 0 && <Empty>No webhook deliveries{state ? ' in this state' : ' yet'}.</Empty>}
      {deliveries.data && deliveries.data.data.length > 0 && (
        <table className="data compact">
          <caption className="sr-only">Webhook deliveries, page {cursors.length + 1}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">To</th>
              <th scope="col">State</th>
              <th scope="col" className="num">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.data.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.eventType}
                  <div className="muted small">{d.id}</div>
                </td>
                <td className="small">
                  <code>{urlOf(d.subscriptionId)}</code>
                </td>
                <td>
                  <span className={`badge ${STATE_TONE[d.state]}`}>{d.state}</span>
                </td>
                <td className="num">
                  {d.attemptCount}
                  {d.replayCount > 0 && <div className="muted small">replayed {d.replayCount}×</div>}
                </td>
                <td className={`small${d.state === 'dead' || d.state === 'retrying' ? ' error-text' : ''}`}>{lastAnswer(d)}</td>
                <td className="small nowrap">{timing(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deliveries.data && (cursors.length > 0 || deliveries.data.nextCursor) && (
        <nav className="pager" aria-label="Webhook delivery pages">
          <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </button>
          <span>Page {cursors.length + 1}</span>
          <button type="button" className="secondary" disabled={!deliveries.data.nextCursor} onClick={() => setCursors([...cursors, deliveries.data!.nextCursor!])}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
