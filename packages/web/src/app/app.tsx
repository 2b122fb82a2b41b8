import { useEffect, useRef } from 'react';
import { BillRunsPage } from '../features/bill-runs/bill-runs-page.tsx';
import { DashboardPage } from '../features/dashboard/dashboard-page.tsx';
import { AuditPage } from '../features/audit/audit-page.tsx';
import { IntegrationsPage } from '../features/integrations/integrations-page.tsx';
import { ReleasePage } from '../features/rules/release-page.tsx';
import { RulesPage } from '../features/rules/rules-page.tsx';
import { InvoiceDetailPage } from '../features/invoices/invoice-detail-page.tsx';
import { InvoiceListPage } from '../features/invoices/invoice-list-page.tsx';
import { ContractDetailPage } from '../features/contracts/contract-detail-page.tsx';
import { ContractListPage } from '../features/contracts/contract-list-page.tsx';
import { CustomerDetailPage } from '../features/customers/customer-detail-page.tsx';
import { CustomerListPage } from '../features/customers/customer-list-page.tsx';
import { UsagePage } from '../features/usage/usage-page.tsx';
import { SignInPage } from '../features/sign-in/sign-in-page.tsx';
import { MyWorkPage } from '../features/work/my-work-page.tsx';
import { SessionGate, useSession } from '../session/session.tsx';
import { ErrorNotice, Loading } from '../ui/states.tsx';
import { EntitiesProvider } from './entities.tsx';
import { visibleNav } from './navigation.ts';
import { navigate, useLocation } from './router.tsx';
import { SideNav } from './side-nav.tsx';
import { WorkCountsProvider } from './work-counts.tsx';

/** The whole app: sign-in until there is a session, then the workspace. */
export function App() {
  return (
    <SessionGate
      loading={<Loading what="invoiceops" />}
      failed={(error, retry) => (
        <main className="center">
          <ErrorNotice error={error} retry={retry} title="invoiceops could not start." />
        </main>
      )}
      signedOut={(onSignedIn, notice) => <SignInPage onSignedIn={onSignedIn} notice={notice} />}
      signedIn={
        <EntitiesProvider>
          <WorkCountsProvider>
            <Workspace />
          </WorkCountsProvider>
        </EntitiesProvider>
      }
    />
  );
}

function Workspace() {
  const { path } = useLocation();
  const { can } = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const allowed = visibleNav(can);

  // After a navigation, move focus to the new page's heading so keyboard and screen-reader users start there.
  useEffect(() => {
    const heading = mainRef.current?.querySelector('h1');
    if (heading && document.activeElement !== heading && !mainRef.current?.contains(document.activeElement)) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }, [path]);

  useEffect(() => {
    if (path === '/' || path === '/sign-in') navigate(allowed[0]?.path ?? '/invoices', { replace: true });
  }, [path, allowed]);

  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SideNav items={allowed} path={path} />
      <main id="main" ref={mainRef} className="content">
        <Page path={path} can={can} />
      </main>
    </div>
  );
}

function Page({ path, can }: { path: string; can: ReturnType<typeof useSession>['can'] }) {
  const invoice = /^\/invoices\/([^/]+)$/.exec(path);
  if (invoice) return <InvoiceDetailPage id={decodeURIComponent(invoice[1]!)} />;
  if (path === '/invoices' && can('invoices:read')) return <InvoiceListPage />;
  if (path === '/dashboard' && can('metrics:read')) return <DashboardPage />;
  const customer = /^\/customers\/([^/]+)$/.exec(path);
  if (customer && can('customers:read')) return <CustomerDetailPage key={path} id={decodeURIComponent(customer[1]!)} />;
  if (path === '/customers' && can('customers:read')) return <CustomerListPage />;
  const contract = /^\/contracts\/([^/]+)$/.exec(path);
  if (contract && can('contracts:read')) return <ContractDetailPage key={path} id={decodeURIComponent(contract[1]!)} />;
  if (path === '/contracts' && can('contracts:read')) return <ContractListPage />;
  if (path === '/usage' && can('usage:read')) return <UsagePage />;
  if (path === '/work' && (can('approvals:act') || can('exceptions:manage'))) return <MyWorkPage />;
  if (path === '/bill-runs' && can('invoices:write')) return <BillRunsPage />;
  const release = /^\/rules\/([a-z_]+)\/(\d+)$/.exec(path);
  if (release && can('controls:read')) return <ReleasePage key={path} kind={release[1]!} version={Number(release[2])} />;
  if (path === '/rules' && can('controls:read')) return <RulesPage />;
  if (path === '/integrations' && can('integrations:read')) return <IntegrationsPage />;
  if (path === '/audit' && can('audit:read')) return <AuditPage />;
  if (path === '/' || path === '/sign-in') return <Loading what="your workspace" />;
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at {path}, or your role may not open it. Choose a page in the navigation.</p>
    </>
  );
}
