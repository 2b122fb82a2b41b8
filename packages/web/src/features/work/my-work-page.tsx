import { useSession } from '../../session/session.tsx';
import { ApprovalQueue } from './approval-queue.tsx';
import { ExceptionQueue } from './exception-queue.tsx';

/** What needs me now: approvals waiting for my decision and the exception queues I work. */
export function MyWorkPage() {
  const { can } = useSession();
  return (
    <>
      <header className="page-header">
        <h1>My work</h1>
      </header>
      {can('approvals:act') && <ApprovalQueue />}
      {can('exceptions:manage') && <ExceptionQueue />}
    </>
  );
}
