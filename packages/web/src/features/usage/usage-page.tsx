import { query } from '../../api/client.ts';
import type { CustomerSummary, UsageSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { date, isoDay } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { monthLabel } from '../contracts/contract-schedule.tsx';
import { CustomerPicker } from '../customers/customer-picker.tsx';
import { FlaggedEvents } from './flagged-events.tsx';
import { UsageMetricsTable } from './usage-metrics-table.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before or after `period` (YYYY-MM). */
function shiftMonth(period: string, by: number): string {
  const [year, month] = period.split('-').map(Number);
  const index = year! * 12 + (month! - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A customer's usage per metric in a month against the contract's entitlement, and the events held for review. */
export function UsagePage() {
  const { search } = useLocation();
  const customerId = search.get('customerId') ?? '';
  const period = search.get('period') || isoDay().slice(0, 7);
  const go = (next: { customerId?: string; period?: string }) => navigate(`/usage${query({ customerId, period, ...next })}`, { replace: true });
  const validPeriod = MONTH.test(period);
  const summary = useApi<UsageSummary>(customerId && validPeriod ? `/v1/usage/summary${query({ customerId, period })}` : null);
  const customer = useApi<CustomerSummary>(customerId ? `/v1/customers/${encodeURIComponent(customerId)}` : null);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Usage</h1>
          {customer.data && (
            <p className="subtitle">
              <Link to={`/customers/${customer.data.id}`}>{customer.data.name}</Link> in {validPeriod ? monthLabel(period) : period}
            </p>
          )}
        </div>
      </header>
      <form className="filters" role="search" aria-label="Usage filters" onSubmit={(e) => e.preventDefault()}>
        <CustomerPicker id="u-customer" value={customerId} onChange={(id) => go({ customerId: id })} />
        <div className="field">
          <label htmlFor="u-period">Month</label>
          <input id="u-period" type="month" value={validPeriod ? period : ''} required onChange={(e) => e.target.value && go({ period: e.target.value })} />
        </div>
        <button type="button" className="secondary" disabled={!validPeriod} onClick={() => go({ period: shiftMonth(period, -1) })}>
          Previous month
        </button>
        <button type="button" className="secondary" disabled={!validPeriod} onClick={() => go({ period: shiftMonth(period, 1) })}>
          Next month
        </button>
      </form>
      {!customerId && <Empty>Choose a customer to see their usage against the contract’s entitlement.</Empty>}
      {customerId && !validPeriod && <ErrorNotice error={new Error(`“${period}” is not a month; write it as YYYY-MM, such as 2026-10.`)} title="The month is not valid." />}
      {summary.error && <ErrorNotice error={summary.error} retry={summary.reload} title="The usage could not be loaded." />}
      {!summary.data && summary.loading && <Loading what="usage" />}
      {summary.data && (
        <>
          <section aria-labelledby="metrics-title">
            <h2 id="metrics-title">Metrics against entitlement</h2>
            <p className="subtitle">
              Quantities are the accepted usage as the bill run aggregates it; events held for review do not count. Times in {summary.data.timeZone}.
            </p>
            <UsageMetricsTable summary={summary.data} />
          </section>
          <FlaggedEvents
            customerId={summary.data.customerId}
            from={summary.data.from}
            to={summary.data.to}
            label={`from ${date(summary.data.periodStart)} to ${date(summary.data.periodEnd)} (exclusive), ${summary.data.timeZone}`}
            onReviewed={summary.reload}
          />
        </>
      )}
    </>
  );
}
