import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, query } from '../api/client.ts';
import type { ApprovalRequest, ExceptionRecord, Page } from '../api/types.ts';
import { useSession } from '../session/session.tsx';

/** Counts are read from one page of up to this many; more shows as "100+". */
export const COUNT_CAP = 100;

export interface WorkCounts {
  approvals: number | null;
  exceptions: number | null;
  overdueExceptions: number | null;
  refresh: () => void;
}

const WorkCountsContext = createContext<WorkCounts>({ approvals: null, exceptions: null, overdueExceptions: null, refresh: () => undefined });

export function useWorkCounts(): WorkCounts {
  return useContext(WorkCountsContext);
}

/** "12", or "100+" when the page was full. */
export function countLabel(count: number | null): string {
  if (count === null) return '';
  return count >= COUNT_CAP ? `${COUNT_CAP}+` : String(count);
}

async function count<T>(path: string): Promise<number | null> {
  try {
    return (await api<Page<T>>(path)).data.length;
  } catch {
    return null;
  }
}

/** Loads the navigation's counts (approvals waiting for me, open exceptions) and refreshes them after actions and every minute. */
export function WorkCountsProvider({ children }: { children: ReactNode }) {
  const { can } = useSession();
  const [counts, setCounts] = useState<Omit<WorkCounts, 'refresh'>>({ approvals: null, exceptions: null, overdueExceptions: null });
  const refresh = useCallback(() => {
    const approvals = can('approvals:act') ? count<ApprovalRequest>(`/v1/approvals${query({ mine: true, limit: COUNT_CAP })}`) : Promise.resolve(null);
    const working = can('exceptions:manage');
    const exceptions = working ? count<ExceptionRecord>(`/v1/exceptions${query({ status: 'open', limit: COUNT_CAP })}`) : Promise.resolve(null);
    const overdue = working ? count<ExceptionRecord>(`/v1/exceptions${query({ status: 'open', overdue: true, limit: COUNT_CAP })}`) : Promise.resolve(null);
    void Promise.all([approvals, exceptions, overdue]).then(([a, e, o]) => setCounts({ approvals: a, exceptions: e, overdueExceptions: o }));
  }, [can]);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, 60_000);
    return () => window.clearInterval(timer);
  }, [refresh]);

  return <WorkCountsContext.Provider value={{ ...counts, refresh }}>{children}</WorkCountsContext.Provider>;
}
