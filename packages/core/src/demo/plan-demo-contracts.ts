import { addDays, daysBetween } from '../receivables/schedule/local-dates.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { DEMO_BILLING_MONTH, DEMO_BILLING_PERIOD, DEMO_CONTRACT_STARTS } from './demo-calendar.ts';
import { demoId } from './demo-id.ts';
import type { BillingFrequency } from './demo-price-book.ts';
import { DemoRandom } from './prng.ts';
import type { DemoCustomer } from './generate-customers.ts';

/**
 * Every random decision about the demo contracts, one compact plan per contract: which
 * offer, schedule, seats, add-ons and metered lines, and how much usage each metered line
 * sees in the billed month. Lines and usage events are built from the plans later (as
 * streams), so 100,000 customers never hold 100,000 contracts with their charges in memory.
 */

/** What the contract generator needs to know about a customer (`country`: of the billing address). */
export type DemoCustomerRef = Pick<DemoCustomer, 'id' | 'number' | 'entityId' | 'billingCurrency' | 'poRequired' | 'timeZone' | 'segment'> & { country: string };

/** The offers of the price book. */
export type DemoOffer = 'starter' | 'pay_as_you_go' | 'growth' | 'enterprise' | 'public_sector';

/** How metered API calls are priced on a contract. */
export type ApiPricing = 'none' | 'per_unit' | 'graduated' | 'allowance_per_unit' | 'allowance_graduated';

/** A milestone of an implementation project met on a day (billed by the next bill run). */
export interface CompletedMilestone {
  key: string;
  completedOn: string;
}

/** One contract's random decisions. */
export interface DemoContractPlan {
  id: string;
  number: string;
  customerId: string;
  entityId: string;
  currency: string;
  timeZone: string;
  offer: DemoOffer;
  frequency: BillingFrequency;
  timing: 'in_advance' | 'in_arrears';
  alignment: 'calendar' | 'anniversary';
  startDate: string;
  termMonths: number;
  autoRenew: boolean;
  renewalUpliftPercent: string;
  poNumber: string | null;
  /** Seats on the recurring seat line (0: no seat line, active users are billed instead). */
  seats: number;
  api: ApiPricing;
  storage: boolean;
  activeUsers: boolean;
  addOns: { sso: boolean; sandbox: boolean; premiumSupport: boolean; technicalAccountManager: boolean };
  onboarding: boolean;
  /** Training days bought (0: none), delivered `trainingAfterDays` after the start. */
  trainingDays: number;
  trainingAfterDays: number;
  /** Implementation project fee in USD (0: no milestone line) and the milestones met so far. */
  implementationUsd: number;
  milestonesCompleted: CompletedMilestone[];
  /** Usage events per metered line in the billed month (0 for lines the contract lacks). */
  usageEvents: { api: number; storage: number; activeUsers: number };
  /** Size of the customer's usage: calls per event, GB stored, users in the pool. */
  usageScale: { callsPerEvent: readonly [number, number]; storageGb: number; userPool: number };
  /**
   * The first month invoiceops billed (`YYYY-MM`): the previous system billed everything
   * before it, and usage is generated from it on (see `demoFirstBilledPeriod`).
   */
  firstBilledPeriod: string;
  /** API calls in the demo month are this many times the usual (1; more for a runaway integration, see `planDemoDefects`). */
  apiSpike: number;
}

/**
 * Whether pay-as-you-go contracts bill distinct active users (`active.users`, a
 * unique_count metric) instead of a seat count. Turning it off changes the data of the
 * same seed.
 */
export const BILL_ACTIVE_USERS = true;

/**
 * Whether services (onboarding, training, implementation milestones, all tax category
 * `professional_services`) are sold to buyers in the US. Not yet: the built-in tax engine
 * tables US sales tax for SaaS only and refuses any other category rather than guess, so
 * such an invoice could not be drafted.
 */
export const SELL_SERVICES_IN_US = false;

/** The most usage events one customer gets in the billed month. */
export const MAX_USAGE_EVENTS_PER_CUSTOMER = 30;

/** Share of customers with a contract: the others are prospects or lapsed accounts. */
const CONTRACT_SHARE: Readonly<Record<DemoCustomerRef['segment'], number>> = { smb: 0.93, mid_market: 0.95, enterprise: 0.97, public_sector: 0.9 };

type Schedule = readonly [DemoOffer, BillingFrequency];

const SCHEDULES: Readonly<Record<DemoCustomerRef['segment'], readonly (readonly [Schedule, number])[]>> = {
  smb: [[['starter', 'monthly'], 70], [['pay_as_you_go', 'monthly'], 15], [['starter', 'annual'], 15]],
  mid_market: [[['growth', 'monthly'], 55], [['growth', 'quarterly'], 20], [['growth', 'annual'], 25]],
  enterprise: [[['enterprise', 'annual'], 60], [['enterprise', 'quarterly'], 25], [['enterprise', 'monthly'], 15]],
  public_sector: [[['public_sector', 'annual'], 70], [['public_sector', 'quarterly'], 30]],
};

const UPLIFTS: readonly (readonly [string, number])[] = [['0', 8], ['2', 8], ['3', 25], ['3.5', 12], ['4', 12], ['5', 20], ['6', 5], ['7', 10]];

/**
 * Plans contracts for `customers` in order from the seed's `contract-plans` stream.
 * `firstBilledPeriod` says from which month invoiceops bills a customer (default: the demo
 * month, as if the company went live with it); it draws nothing, so it changes no plan.
 */
export function planDemoContracts(
  seed: number,
  customers: readonly DemoCustomerRef[],
  firstBilledPeriod: (customer: DemoCustomerRef) => string = () => DEMO_BILLING_PERIOD,
): DemoContractPlan[] {
  const random = DemoRandom.stream(seed, 'contract-plans');
  const startSpan = daysBetween(DEMO_CONTRACT_STARTS.from, DEMO_CONTRACT_STARTS.through);
  const plans: DemoContractPlan[] = [];
  for (const customer of customers) {
    if (!random.chance(CONTRACT_SHARE[customer.segment])) continue;
    const schedule = random.weighted(SCHEDULES[customer.segment]);
    const startDate = addDays(DEMO_CONTRACT_STARTS.from, random.int(0, startSpan));
    plans.push({ ...planContract(customer, plans.length, schedule, startDate, random), firstBilledPeriod: firstBilledPeriod(customer) });
  }
  return plans;
}

function planContract(customer: DemoCustomerRef, index: number, [offer, frequency]: Schedule, startDate: string, random: DemoRandom): Omit<DemoContractPlan, 'firstBilledPeriod'> {
  const segment = customer.segment;
  const enterprise = offer === 'enterprise';
  const metered = frequency !== 'annual'; // usage follows the billing period: prepaid years carry none
  const api: ApiPricing = !metered ? 'none'
    : offer === 'starter' ? (random.chance(0.6) ? 'per_unit' : 'none')
    : offer === 'pay_as_you_go' ? 'per_unit'
    : offer === 'growth' ? random.weighted([['allowance_graduated', 35], ['allowance_per_unit', 15], ['graduated', 30], ['none', 20]])
    : offer === 'enterprise' ? random.weighted([['graduated', 60], ['allowance_graduated', 30], ['none', 10]])
    : random.chance(0.3) ? 'per_unit' : 'none';
  const storage = metered && (offer === 'growth' || enterprise) && random.chance(enterprise ? 0.6 : 0.4);
  const activeUsers = offer === 'pay_as_you_go' && BILL_ACTIVE_USERS;
  const autoRenew = random.chance(offer === 'public_sector' ? 0.4 : 0.85);
  const services = customer.country !== 'US' || SELL_SERVICES_IN_US;
  const implementationUsd = services && enterprise && random.chance(0.3) ? random.int(18, 60) * 1_000 : 0;
  return {
    id: demoId(ID_PREFIX.contract, random, index),
    number: `CTR-${startDate.slice(0, 4)}-${String(index + 1).padStart(6, '0')}`,
    customerId: customer.id,
    entityId: customer.entityId,
    currency: customer.billingCurrency,
    timeZone: customer.timeZone,
    offer,
    frequency,
    timing: offer === 'pay_as_you_go' ? 'in_arrears' : 'in_advance',
    alignment: random.chance(offer === 'public_sector' ? 0.5 : 0.15) ? 'calendar' : 'anniversary',
    startDate,
    termMonths: enterprise ? random.weighted([[12, 50], [24, 30], [36, 20]]) : offer === 'public_sector' || offer === 'growth' ? random.weighted([[12, 75], [24, 25]]) : 12,
    autoRenew,
    renewalUpliftPercent: autoRenew ? random.weighted(UPLIFTS) : '0',
    poNumber: customer.poRequired || random.chance(0.05) ? poNumber(segment, startDate, random) : null,
    seats: activeUsers ? 0
      : offer === 'starter' || offer === 'pay_as_you_go' ? random.int(3, 15)
      : offer === 'growth' ? random.int(10, 80)
      : offer === 'enterprise' ? random.int(50, 600)
      : random.int(20, 300),
    api,
    storage,
    activeUsers,
    addOns: {
      sso: offer === 'growth' ? random.chance(0.3) : enterprise || offer === 'public_sector',
      sandbox: enterprise && random.chance(0.3),
      premiumSupport: (enterprise || offer === 'public_sector') && random.chance(0.5),
      technicalAccountManager: enterprise && random.chance(0.4),
    },
    onboarding: services && offer === 'growth' && random.chance(0.25),
    trainingDays: services && (enterprise || offer === 'public_sector') && random.chance(0.2) ? random.int(1, 4) : 0,
    trainingAfterDays: random.int(14, 45),
    implementationUsd,
    milestonesCompleted: implementationUsd > 0 ? completedMilestones(startDate, random) : [],
    usageEvents: usageEventCounts(api !== 'none', storage, activeUsers, random),
    usageScale: usageScale(offer, random),
    apiSpike: 1,
  };
}

/** A purchase order number: SAP-style for businesses, a year-numbered one for public bodies. */
function poNumber(segment: DemoCustomerRef['segment'], startDate: string, random: DemoRandom): string {
  return segment === 'public_sector' ? `PO-${startDate.slice(0, 4)}-${random.digits(5)}` : `45${random.digits(8)}`;
}

/** Kick-off, go-live and hypercare exit, each met some weeks after the start if before the billed month ends. */
function completedMilestones(startDate: string, random: DemoRandom): CompletedMilestone[] {
  const met: CompletedMilestone[] = [];
  for (const [key, from, to] of [['kickoff', 7, 20], ['go-live', 60, 100], ['hypercare', 120, 160]] as const) {
    const completedOn = addDays(startDate, random.int(from, to));
    if (completedOn < DEMO_BILLING_MONTH.next) met.push({ key, completedOn });
  }
  return met;
}

/** API calls per usage event (a roll-up from the gateway) and GB stored, by offer. */
const USAGE_SIZES: Readonly<Record<DemoOffer, { calls: readonly [number, number]; gb: readonly [number, number] }>> = {
  starter: { calls: [150, 2_500], gb: [2, 20] },
  pay_as_you_go: { calls: [100, 2_000], gb: [1, 10] },
  growth: { calls: [1_500, 30_000], gb: [20, 300] },
  enterprise: { calls: [15_000, 250_000], gb: [200, 5_000] },
  public_sector: { calls: [500, 8_000], gb: [50, 800] },
};

function usageScale(offer: DemoOffer, random: DemoRandom): DemoContractPlan['usageScale'] {
  const { calls, gb } = USAGE_SIZES[offer];
  return { callsPerEvent: calls, storageGb: random.int(gb[0], gb[1]), userPool: random.int(3, 25) };
}

/** Events per metered line: API roll-ups, weekly storage snapshots, user activity; at most 30 in all. */
function usageEventCounts(api: boolean, storage: boolean, activeUsers: boolean, random: DemoRandom): DemoContractPlan['usageEvents'] {
  const snapshots = storage ? 5 : 0;
  const users = activeUsers ? random.int(6, 12) : 0;
  const calls = api ? Math.min(random.int(8, 22), MAX_USAGE_EVENTS_PER_CUSTOMER - snapshots - users) : 0;
  return { api: calls, storage: snapshots, activeUsers: users };
}
