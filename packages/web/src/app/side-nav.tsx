import { useSession } from '../session/session.tsx';
import { roleLabels } from '../session/permissions.ts';
import type { NavItem } from './navigation.ts';
import { Link } from './router.tsx';
import { countLabel, useWorkCounts } from './work-counts.tsx';

/** The navigation: only the pages the user's roles may open, with work counts beside "My work". */
export function SideNav({ items, path }: { items: NavItem[]; path: string }) {
  const { me, signOut } = useSession();
  const counts = useWorkCounts();
  const waiting = (counts.approvals ?? 0) + (counts.exceptions ?? 0);
  return (
    <aside className="sidebar">
      <div className="brand">invoiceops</div>
      <nav aria-label="Main">
        <ul>
          {items.map((item) => {
            const current = path === item.path || path.startsWith(`${item.path}/`);
            return (
              <li key={item.path}>
                <Link to={item.path} aria-current={current ? 'page' : undefined} className={current ? 'current' : undefined}>
                  {item.label}
                  {item.path === '/work' && waiting > 0 && (
                    <span className="counts">
                      {(counts.approvals ?? 0) > 0 && (
                        <span className="count" title="Approvals waiting for you">
                          <span className="sr-only">approvals waiting: </span>
                          {countLabel(counts.approvals)}
                        </span>
                      )}
                      {(counts.exceptions ?? 0) > 0 && (
                        <span className={`count ${counts.overdueExceptions ? 'danger' : 'exceptions'}`} title={`Open exceptions${counts.overdueExceptions ? `, ${countLabel(counts.overdueExceptions)} overdue` : ''}`}>
                          <span className="sr-only">open exceptions: </span>
                          {countLabel(counts.exceptions)}
                        </span>
                      )}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
          <li>
            <a href="/docs">API reference</a>
          </li>
        </ul>
      </nav>
      <div className="who">
        <div className="name">{me.name}</div>
        <div className="roles">{roleLabels(me).join(', ')}</div>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </aside>
  );
}
