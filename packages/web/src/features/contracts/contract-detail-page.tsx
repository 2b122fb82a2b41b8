import type { Contract, ContractAmendment, ContractSchedule, CustomerSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { date, words } from '../../ui/format.ts';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { AmendmentList, ContractLines } from './contract-lines.tsx';
import { ContractScheduleTable } from './contract-schedule.tsx';
import { ContractStatusBadge } from './contract-table.tsx';

/** One contract: its terms, every line with every version (the amendment history) and the billing schedule from today. */
export function ContractDetailPage({ id }: { id: string }) {
  const { can } = useSession();
  const entityCode = useEntityCode();
  const base = `/v1/contracts/${encodeURIComponent(id)}`;
  const contract = useApi<Contract>(base);
  const amendments = useApi<{ data: ContractAmendment[] }>(`${base}/amendments`);
  const schedule = useApi<ContractSchedule>(`${base}/schedule?periods=12`);
  const customer = useApi<CustomerSummary>(contract.data ? `/v1/customers/${encodeURIComponent(contract.data.customerId)}` : null);

  if (contract.error) {
    return (
      <>
        <h1>Contract</h1>
        <ErrorNotice error={contract.error} retry={contract.reload} title="The contract could not be loaded." />
        <Link to="/contracts">Back to contracts</Link>
      </>
    );
  }
  if (!contract.data) return <Loading what="the contract" />;
  const c = contract.data;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/contracts">Contracts</Link> / {c.number}
      </nav>
      <header className="page-header">
        <div>
          <h1>
            Contract {c.number} <ContractStatusBadge status={c.status} />
          </h1>
          <p className="subtitle">
            <Link to={`/customers/${c.customerId}`}>{customer.data?.name ?? 'the customer'}</Link> · {entityCode(c.entityId)} · {c.currency} · {date(c.startDate)} – {date(c.endDate)}
          </p>
        </div>
        {can('usage:read') && <Link to={`/usage?customerId=${c.customerId}`}>Usage of this customer</Link>}
      </header>

      <dl className="facts">
        <dt>Term</dt>
        <dd>
          {c.termMonths} months, ends {date(c.endDate)} (exclusive)
        </dd>
        <dt>Billing</dt>
        <dd>
          {words(c.billingFrequency)}, {words(c.billingTiming)}
        </dd>
        <dt>Periods</dt>
        <dd>{c.alignment === 'bill_day' ? `from day ${c.billDay} of the month` : words(c.alignment)}</dd>
        <dt>Renewal</dt>
        <dd>{c.autoRenew ? `automatic, prices +${c.renewalUpliftPercent} %` : 'none'}</dd>
        <dt>PO number</dt>
        <dd>{c.poNumber ?? '—'}</dd>
        <dt>Version</dt>
        <dd>{c.version}</dd>
        {c.billedThrough && (
          <>
            <dt>Billed elsewhere until</dt>
            <dd>{date(c.billedThrough)}</dd>
          </>
        )}
        {c.cancelledOn && (
          <>
            <dt>Cancelled from</dt>
            <dd>
              {date(c.cancelledOn)}: {c.cancellationReason}
            </dd>
          </>
        )}
        {c.renewedFromId && (
          <>
            <dt>Renews</dt>
            <dd>
              <Link to={`/contracts/${c.renewedFromId}`}>the previous term</Link>
            </dd>
          </>
        )}
      </dl>

      {amendments.error && <ErrorNotice error={amendments.error} retry={amendments.reload} title="The amendment history could not be loaded." />}
      <ContractLines contract={c} amendments={amendments.data?.data ?? []} scheduleLines={schedule.data?.lines} />
      {amendments.data && <AmendmentList amendments={amendments.data.data} />}

      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">Billing schedule</h2>
        {schedule.error && <ErrorNotice error={schedule.error} retry={schedule.reload} title="The billing schedule could not be loaded." />}
        {!schedule.data && schedule.loading && <Loading what="the billing schedule" />}
        {schedule.data && <ContractScheduleTable schedule={schedule.data} />}
      </section>
    </>
  );
}
