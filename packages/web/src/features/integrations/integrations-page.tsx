import { useSession } from '../../session/session.tsx';
import { EventLog } from './event-log.tsx';
import { PostingState } from './posting-state.tsx';
import { TrialBalancePanel } from './trial-balance.tsx';

/** Is posting to the ERP working: documents in flight and held, every attempt, and the built-in ledger's trial balance. */
export function IntegrationsPage() {
  const { can } = useSession();
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Integrations</h1>
          <p className="subtitle">Posting to the ERP: documents in flight, failures to retry, every attempt, and the built-in ledger.</p>
        </div>
      </header>
      <PostingState />
      <EventLog />
      {can('ledger:read') && <TrialBalancePanel />}
    </>
  );
}
