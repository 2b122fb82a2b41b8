import type { Customer } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { words } from '../../ui/format.ts';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { CustomerContracts } from './customer-contracts.tsx';
import { CustomerReceivables } from './customer-receivables.tsx';

/** Contacts that get the invoices: roles that mention payable, billing or finance, else all (as the invoice mailer picks them). */
export function invoiceRecipients(contacts: Customer['contacts']): Set<number> {
  const billing = contacts.flatMap((c, i) => (/payable|billing|finance/i.test(c.role ?? '') ? [i] : []));
  return new Set(billing.length > 0 ? billing : contacts.map((_, i) => i));
}

/** One customer: master data, contacts, contracts, what is open and the credit balance, and links to usage and invoices. */
export function CustomerDetailPage({ id }: { id: string }) {
  const { can } = useSession();
  const entityCode = useEntityCode();
  const customer = useApi<Customer>(`/v1/customers/${encodeURIComponent(id)}`);

  if (customer.error) {
    return (
      <>
        <h1>Customer</h1>
        <ErrorNotice error={customer.error} retry={customer.reload} title="The customer could not be loaded." />
        <Link to="/customers">Back to customers</Link>
      </>
    );
  }
  if (!customer.data) return <Loading what="the customer" />;
  const c = customer.data;
  const address = c.billingAddress;
  const recipients = invoiceRecipients(c.contacts);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/customers">Customers</Link> / {c.name}
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {c.name} {!c.active && <span className="badge muted">inactive</span>}
          </h1>
          <p className="subtitle">
            {c.number} · {entityCode(c.entityId)} · billed in {c.billingCurrency}
          </p>
        </div>
        <nav className="actions" aria-label="Related pages">
          {can('usage:read') && <Link to={`/usage?customerId=${c.id}`}>Usage of this customer</Link>}
          {can('invoices:read') && <Link to={`/invoices?customerId=${c.id}`}>All invoices</Link>}
        </nav>
      </header>

      <section aria-labelledby="master-title">
        <h2 id="master-title">Master data</h2>
        <dl className="facts">
          <dt>Tax id</dt>
          <dd>{c.taxId ? `${c.taxId}${c.taxIdType ? ` (${words(c.taxIdType)})` : ''}` : 'none'}</dd>
          <dt>Tax exempt</dt>
          <dd>{c.taxExempt ? `yes, certificate ${c.exemptionCertificateRef ?? '—'}` : 'no'}</dd>
          <dt>Currency</dt>
          <dd>{c.billingCurrency}</dd>
          <dt>Time zone</dt>
          <dd>{c.timeZone}</dd>
          <dt>Payment terms</dt>
          <dd>{c.paymentTermsDays} days</dd>
          <dt>PO required</dt>
          <dd>{c.poRequired ? 'yes' : 'no'}</dd>
          <dt>Segment</dt>
          <dd>{words(c.segment)}</dd>
          <dt>Status</dt>
          <dd>{c.active ? 'active' : 'inactive'}</dd>
        </dl>
        <div className="two-columns">
          <div>
            <h3>Billing address</h3>
            <address className="address">
              {address.line1}
              <br />
              {address.line2 && (
                <>
                  {address.line2}
                  <br />
                </>
              )}
              {[address.postalCode, address.city].filter(Boolean).join(' ')}
              {address.region ? `, ${address.region}` : ''}
              <br />
              {address.country}
            </address>
          </div>
          <div>
            <h3>Billing contacts</h3>
            {c.contacts.length === 0 ? (
              <p className="muted">No contacts: invoices cannot be emailed until one is added.</p>
            ) : (
              <table className="data compact">
                <caption className="sr-only">Contacts of {c.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Gets invoices</th>
                  </tr>
                </thead>
                <tbody>
                  {c.contacts.map((contact, i) => (
                    <tr key={`${contact.email}-${i}`}>
                      <td>{contact.name}</td>
                      <td>
                        <a href={`mailto:${contact.email}`}>{contact.email}</a>
                        {contact.phone && <div className="small muted">{contact.phone}</div>}
                      </td>
                      <td>{contact.role ?? '—'}</td>
                      <td>{recipients.has(i) ? 'yes' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      </section>

      {can('contracts:read') && <CustomerContracts customerId={c.id} />}
      {can('payments:read') && <CustomerReceivables customerId={c.id} />}
    </>
  );
}
