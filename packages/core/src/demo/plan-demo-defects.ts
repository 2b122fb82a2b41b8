import { isEuCountry } from '../reference-data/countries.ts';
import { isTaxIdType, validateTaxId } from '../reference-data/tax-ids.ts';
import { daysBetween } from '../receivables/schedule/local-dates.ts';
import { DEMO_GO_LIVE_PERIOD, DEMO_PILOT_FIRST_PERIOD } from './demo-calendar.ts';
import { migratedBilledThrough } from './generate-contracts.ts';
import type { DemoCustomer } from './generate-customers.ts';
import type { DemoContractPlan, DemoCustomerRef } from './plan-demo-contracts.ts';

/**
 * The flaws a real company's data has, planted on purpose so the controls have something
 * to find (docs/validation-rules.md): every n-th eligible customer or contract, in order,
 * from the first — so the same seed and counts give the same flaws, and a small demo has
 * at least one of each where anything is eligible. The generators' random streams are
 * untouched: a flaw changes a field after it was drawn.
 */

/** One in this many cross-border EU customers with a VAT id has a typo in it (imported from the previous system, never checked since). */
export const TAX_ID_TYPO_ONE_IN = 25;
/** One in this many monthly contracts of customers who require a PO has none on file: the customer's new PO never arrived. */
export const PO_MISSING_ONE_IN = 15;
/** One in this many metered monthly contracts of the pilot entity sees a runaway integration in the demo month. */
export const API_SPIKE_ONE_IN = 8;
/** How many times its usual API calls a runaway integration makes. */
export const API_SPIKE_FACTOR = 40;
/** One in this many contracts with training days had a refresher workshop in the go-live month. */
export const SEPTEMBER_TRAINING_ONE_IN = 6;
const SEPTEMBER_TRAINING_DAY = `${DEMO_GO_LIVE_PERIOD}-25`;

/** A counter that says yes to the 1st, (n+1)th, (2n+1)th … call. */
function everyNth(n: number): () => boolean {
  let seen = 0;
  return () => seen++ % n === 0;
}

/** What {@link planContractDefects} changed, by contract number. */
export interface ContractDefects {
  poMissing: string[];
  apiSpike: string[];
  septemberTraining: string[];
}

/**
 * Plants the contract flaws, in place: PO numbers missing on contracts of customers who
 * require one (→ `po_reference`), a spike of API calls in the demo month on pilot-entity
 * contracts billed for three months before it (→ `anomaly`, the total far above the
 * customer's history), and a refresher training in the go-live month on contracts whose
 * training revenue account is retired afterwards (→ `posting_failure`, see the history).
 * `pilotEntityId` null: no pilot (no history), so no spikes.
 */
export function planContractDefects(plans: DemoContractPlan[], customers: readonly DemoCustomerRef[], pilotEntityId: string | null): ContractDefects {
  const poRequired = new Set(customers.filter((c) => c.poRequired).map((c) => c.id));
  const poMissing = everyNth(PO_MISSING_ONE_IN);
  const spike = everyNth(API_SPIKE_ONE_IN);
  const training = everyNth(SEPTEMBER_TRAINING_ONE_IN);
  const defects: ContractDefects = { poMissing: [], apiSpike: [], septemberTraining: [] };
  for (const plan of plans) {
    if (poRequired.has(plan.customerId) && plan.frequency === 'monthly' && poMissing()) {
      plan.poNumber = null;
      defects.poMissing.push(plan.number);
    }
    // Three invoices before the demo month: the anomaly rule compares with at least three.
    const threeMonthsBilled = plan.startDate < `${DEMO_PILOT_FIRST_PERIOD}-01`;
    if (plan.entityId === pilotEntityId && plan.frequency === 'monthly' && plan.api !== 'none' && threeMonthsBilled && spike()) {
      plan.apiSpike = API_SPIKE_FACTOR;
      defects.apiSpike.push(plan.number);
    }
    const trainingBillable = (migratedBilledThrough(plan) ?? plan.startDate) <= SEPTEMBER_TRAINING_DAY && plan.startDate < SEPTEMBER_TRAINING_DAY;
    if (pilotEntityId !== null && plan.trainingDays > 0 && plan.firstBilledPeriod <= DEMO_GO_LIVE_PERIOD && trainingBillable && training()) {
      plan.trainingAfterDays = daysBetween(plan.startDate, SEPTEMBER_TRAINING_DAY);
      defects.septemberTraining.push(plan.number);
    }
  }
  return defects;
}

/**
 * Customer flaws, applied as the customers stream past: every n-th customer of an EU
 * entity in another member state whose VAT id is on file gets a typo in it (one digit off,
 * so the check digits fail) — the reverse charge needs a valid id (→ `master_data`).
 * Returns a function to map each customer through.
 */
export function customerDefects(entityCountries: ReadonlyMap<string, string>): { apply: (customer: DemoCustomer) => DemoCustomer; typos: string[] } {
  const typo = everyNth(TAX_ID_TYPO_ONE_IN);
  const typos: string[] = [];
  const apply = (customer: DemoCustomer): DemoCustomer => {
    const sellerCountry = entityCountries.get(customer.entityId) ?? '';
    const country = customer.billingAddress.country;
    const crossBorder = isEuCountry(sellerCountry) && isEuCountry(country) && country !== sellerCountry;
    if (!crossBorder || customer.taxId === null || customer.taxIdType !== 'eu_vat' || !typo()) return customer;
    const mistyped = oneDigitOff(customer.taxId, customer.taxIdType, country);
    if (mistyped === null) return customer;
    typos.push(customer.number);
    return { ...customer, taxId: mistyped };
  };
  return { apply, typos };
}

/** The tax id with one digit changed so that it no longer validates (from the end: check digits come last), or null. */
export function oneDigitOff(taxId: string, type: string, country: string): string | null {
  if (!isTaxIdType(type)) return null;
  for (let i = taxId.length - 1; i >= 0; i -= 1) {
    const digit = taxId.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) continue;
    for (let step = 1; step < 10; step += 1) {
      const candidate = `${taxId.slice(0, i)}${(digit + step) % 10}${taxId.slice(i + 1)}`;
      if (!validateTaxId(type, candidate, country).ok) return candidate;
    }
  }
  return null;
}
