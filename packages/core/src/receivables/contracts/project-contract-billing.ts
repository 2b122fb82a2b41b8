import type { RoundingMode } from '../../money/rounding.ts';
import { billingMonth, nextPeriod } from '../billing/billing-month.ts';
import type { CustomerBillingInputs } from '../billing/load-billing-inputs.ts';
import { planCustomerLines, type DraftLine } from '../billing/plan-customer-lines.ts';

/** A line a coming bill run would bill, and which run. */
export interface ProjectedLine extends DraftLine {
  billRunPeriod: string;
}

/** Kinds the projection can price ahead of time; usage and true-ups depend on usage not sent yet. */
const PRICED_AHEAD = new Set(['recurring', 'proration_charge', 'proration_credit', 'one_time', 'milestone']);

export interface ProjectionOptions {
  roundingMode: RoundingMode;
  now: Date;
  /** Months to plan at most, `fromPeriod` included. */
  maxMonths: number;
  /** Stops early once this says the lines planned so far are enough. */
  enough?: (lines: readonly ProjectedLine[]) => boolean;
}

/**
 * What the coming bill runs would bill for one contract if nothing changes, month by month
 * from `fromPeriod`. It runs the bill run's own planner (`planCustomerLines`) for each
 * month and counts what it planned as billed before planning the next, so proration
 * credits and charges of amendments, migrated contracts (`billedThrough`), one-time lines
 * and completed milestones come out as the runs will bill them. A month the customer
 * already has an invoice for in the contract's currency bills nothing more (one invoice
 * per customer, month and currency), so its lines move to the next run. Usage and
 * commitment true-ups are left out: they depend on usage that has not been sent yet.
 * Pure: `inputs` are the customer's billing inputs as `loadBillingInputs` read them.
 */
export function projectContractBilling(inputs: CustomerBillingInputs, contractId: string, fromPeriod: string, options: ProjectionOptions): ProjectedLine[] {
  const contract = inputs.contracts.find((c) => c.id === contractId);
  if (!contract) return [];
  const billed = [...inputs.billed];
  const projected: ProjectedLine[] = [];
  let period = fromPeriod;
  for (let i = 0; i < options.maxMonths; i++) {
    const invoiced = period === fromPeriod ? inputs.invoicedCurrencies.has(contract.currency) : inputs.invoicedPeriods.has(period);
    const monthInputs: CustomerBillingInputs = {
      ...inputs,
      contracts: [contract],
      versions: inputs.versions.filter((v) => v.contractId === contractId),
      billed,
      // Completed milestones are billed by the first run that can, never again.
      milestones: i === 0 ? inputs.milestones.filter((m) => m.contractId === contractId) : [],
      lateUsage: new Map(),
      invoicedCurrencies: invoiced ? new Set([contract.currency]) : new Set(),
    };
    const plans = planCustomerLines(monthInputs, billingMonth(period), new Map(), new Map(), options.roundingMode, { now: options.now });
    for (const line of plans.flatMap((p) => p.lines)) {
      if (!PRICED_AHEAD.has(line.kind)) continue;
      projected.push({ ...line, billRunPeriod: period });
      billed.push({
        contractLineId: line.contractLineId,
        kind: line.kind,
        serviceStart: line.serviceStart,
        serviceEnd: line.serviceEnd,
        amountMinor: line.amountMinor,
        quantity: line.quantity,
      });
    }
    if (options.enough?.(projected)) break;
    period = nextPeriod(period);
  }
  return projected;
}
