import { useEffect, useState } from 'react';
import { query } from '../../api/client.ts';
import type { DocumentTrace, ExceptionRecord, Invoice, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { LifecycleBadge } from '../../ui/badges.tsx';
import { date, money, words } from '../../ui/format.ts';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useOnChange } from '../../ui/use-on-change.ts';
import { ExceptionItem } from '../work/exception-item.tsx';
import { AuditTrail } from './audit-trail.tsx';
import { ErpPostings } from './erp-postings.tsx';
import { InvoiceActions } from './invoice-actions.tsx';
import { InvoiceApproval } from './invoice-approval.tsx';
import { InvoiceLines } from './invoice-lines.tsx';
import { InvoicePayments } from './invoice-payments.tsx';
import { DecisionTrace, StatusTimeline, WhyPanel } from './invoice-trace.tsx';

/** How often an invoice on its way to the ERP is looked at again. */
const IN_FLIGHT_REFRESH_MS = 3_000;

/** One invoice or credit memo: why it is where it is, its lines and totals, approvals, exceptions, history and the PDF. */
export function InvoiceDetailPage({ id }: { id: string }) {
  const { can } = useSession();
  const entityCode = useEntityCode();
  const invoice = useApi<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`);
  const trace = useApi<DocumentTrace>(`/v1/invoices/${encodeURIComponent(id)}/decisions`);
  const exceptions = useApi<Page<ExceptionRecord>>(`/v1/exceptions${query({ documentId: id, limit: 50 })}`);
  const [version, setVersion] = useState(0);
  const reloadAll = () => {
    invoice.reload();
    trace.reload();
    exceptions.reload();
    setVersion((v) => v + 1);
  };
  // Approved or being posted: the worker moves it on within seconds. Look again every few
  // seconds, and when its stage changes, reload what depends on it (trace, postings, audit).
  const lifecycle = invoice.data?.lifecycle;
  const inFlight = lifecycle === 'approved' || lifecycle === 'posting';
  const { reload: reloadInvoice } = invoice;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(reloadInvoice, IN_FLIGHT_REFRESH_MS);
    return () => clearInterval(timer);
  }, [inFlight, reloadInvoice]);
  useOnChange(lifecycle, () => {
    trace.reload();
    exceptions.reload();
    setVersion((v) => v + 1);
  });

  if (invoice.error) {
    return (
      <>
        <h1>Invoice</h1>
        <ErrorNotice error={invoice.error} retry={invoice.reload} title="The invoice could not be loaded." />
        <Link to="/invoices">Back to invoices</Link>
      </>
    );
  }
  if (!invoice.data) return <Loading what="the invoice" />;
  const inv = invoice.data;
  const title = inv.number ?? `Draft ${inv.kind === 'credit_memo' ? 'credit memo' : 'invoice'}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/invoices">Invoices</Link> / {title}
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {title} <LifecycleBadge lifecycle={inv.lifecycle} />
          </h1>
          <p className="subtitle">
            {inv.buyer.name} · {entityCode(inv.entityId)} ({inv.seller.name}) · {inv.billingPeriod ? `period ${inv.billingPeriod}` : words(inv.kind)} · {money(inv.total, inv.currency)}
          </p>
        </div>
        <InvoiceActions invoice={inv} onChanged={reloadAll} />
      </header>
      {inFlight && (
        <p className="state notice" role="status" aria-live="polite">
          {inv.lifecycle === 'posting' ? 'Being posted to the ERP' : 'Approved: queued for posting to the ERP'}; this page updates by itself.
        </p>
      )}

      {trace.error && <ErrorNotice error={trace.error} retry={trace.reload} title="The decision trace could not be loaded." />}
      {trace.data && <WhyPanel trace={trace.data} />}

      <dl className="facts">
        <dt>Status</dt>
        <dd>{words(inv.status)}</dd>
        <dt>Issued</dt>
        <dd>{date(inv.issueDate)}</dd>
        <dt>Due</dt>
        <dd>{date(inv.dueDate)}</dd>
        <dt>Payment</dt>
        <dd>{words(inv.paymentStatus)}</dd>
        <dt>PO number</dt>
        <dd>{inv.poNumber ?? '—'}</dd>
        <dt>Buyer tax id</dt>
        <dd>{inv.buyer.taxId ?? 'none'}</dd>
        {inv.voidReason && (
          <>
            <dt>Void reason</dt>
            <dd>{inv.voidReason}</dd>
          </>
        )}
      </dl>

      {exceptions.data && exceptions.data.data.length > 0 && (
        <section aria-labelledby="exceptions-title">
          <h2 id="exceptions-title">Exceptions</h2>
          <ul className="exceptions">
            {exceptions.data.data.map((e) => (
              <ExceptionItem key={e.id} exception={e} onChanged={reloadAll} showDocument={false} />
            ))}
          </ul>
        </section>
      )}

      <InvoiceApproval key={`approval-${version}`} invoiceId={inv.id} onChanged={reloadAll} />
      <InvoiceLines invoice={inv} />
      <InvoicePayments invoice={inv} onChanged={reloadAll} />

      <div className="two-columns">
        {trace.data && <StatusTimeline trace={trace.data} />}
        {trace.data && <DecisionTrace trace={trace.data} />}
      </div>
      {!trace.data && trace.loading && <Loading what="the decision trace" />}

      {can('integrations:read') && <ErpPostings invoice={inv} onChanged={reloadAll} />}

      {can('audit:read') && <AuditTrail key={`audit-${version}`} objectType="invoice" objectId={inv.id} />}

      <section aria-labelledby="pdf-title">
        <h2 id="pdf-title">Document</h2>
        <p>
          <a href={`/v1/invoices/${inv.id}/pdf`} target="_blank" rel="noreferrer">
            Open the PDF in a new tab
          </a>
        </p>
        <iframe key={`pdf-${inv.version}`} className="pdf" title={`PDF of ${title}`} src={`/v1/invoices/${inv.id}/pdf`} loading="lazy" />
      </section>
    </>
  );
}
