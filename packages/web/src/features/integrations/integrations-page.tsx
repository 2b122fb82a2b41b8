import type { ConnectorStatus } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../session/session.tsx';
import { ConnectorHealth } from './connector-health.tsx';
import { DeadLetters } from './dead-letters.tsx';
import { EventLog } from './event-log.tsx';
import { PostingState } from './posting-state.tsx';
import { TrialBalancePanel } from './trial-balance.tsx';
import { WebhooksPanel } from './webhooks-panel.tsx';

/**
 * Is posting to the ERP working: each connection's health, jobs that gave up (with replay),
 * documents in flight and held, every attempt, webhooks, and the built-in ledger's trial balance.
 */
export function IntegrationsPage() {
  const { can } = useSession();
  // Read here so a replay below refreshes the cards' queue and dead-letter counts.
  const status = useApi<{ data: ConnectorStatus[] }>('/v1/integrations/status');
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Integrations</h1>
          <p className="subtitle">Posting to the ERP: connector health, jobs to replay, documents in flight, failures to retry, every attempt, webhooks, and the built-in ledger.</p>
        </div>
      </header>
      <ConnectorHealth status={status} />
      <DeadLetters onReplayed={status.reload} />
      <PostingState />
      <EventLog />
      <WebhooksPanel />
      {can('ledger:read') && <TrialBalancePanel />}
    </>
  );
}
