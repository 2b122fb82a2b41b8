import type { ContractLineKind } from '../receivables/contracts/contract-schemas.ts';
import type { Charge } from '../receivables/rating/charge-schema.ts';
import { addDays, addMonths } from '../receivables/schedule/local-dates.ts';
import { billingMonth } from '../receivables/billing/billing-month.ts';
import { billingPeriods } from '../receivables/schedule/billing-periods.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DEMO_METRICS } from './demo-metrics.ts';
import {
  LIST_PRICES_USD as USD,
  PERIOD_MONTHS,
  PERIOD_MULTIPLIER,
  apiTiers,
  flatCharge,
  localPrice,
  perUnitCharge,
} from './demo-price-book.ts';
import type { ApiPricing, DemoContractPlan } from './plan-demo-contracts.ts';
import { DemoRandom } from './prng.ts';

/** One contract line as the seed writes it (the columns of `contract_lines`). */
export interface DemoContractLine {
  id: string;
  contractId: string;
  customerId: string;
  lineKey: string;
  productId: string;
  kind: ContractLineKind;
  metricCode: string | null;
  charge: Charge;
  quantity: string;
  startDate: string;
  endDate: string;
}

/** One contract as the seed writes it, with its lines and the milestones met. */
export interface DemoContract {
  id: string;
  entityId: string;
  customerId: string;
  number: string;
  currency: string;
  status: 'active';
  startDate: string;
  endDate: string;
  termMonths: number;
  autoRenew: boolean;
  renewalUpliftPercent: string;
  billingFrequency: DemoContractPlan['frequency'];
  billingTiming: DemoContractPlan['timing'];
  alignment: DemoContractPlan['alignment'];
  billDay: null;
  poNumber: string | null;
  billedThrough: string | null;
  lines: DemoContractLine[];
  milestones: { lineKey: string; milestoneKey: string; completedOn: string }[];
}

/** Product ids by SKU (the demo catalog). */
export type ProductIdsBySku = ReadonlyMap<string, string>;

type LineSpec = Pick<DemoContractLine, 'lineKey' | 'kind' | 'charge'> & { sku: string; metricCode?: string; quantity?: string; startDate?: string };

const SEAT_PRODUCTS = {
  starter: ['SEAT-STD', 'Platform seats, Standard', USD.seatStandard],
  pay_as_you_go: ['SEAT-STD', 'Platform seats, Standard', USD.seatStandard],
  growth: ['SEAT-PRO', 'Platform seats, Professional', USD.seatProfessional],
  enterprise: ['SEAT-ENT', 'Platform seats, Enterprise', USD.seatEnterprise],
  public_sector: ['SEAT-PRO', 'Platform seats, Professional', USD.seatProfessional],
} as const;

const MILESTONE_SPLIT = [
  ['kickoff', 'Project kick-off', 0.3],
  ['go-live', 'Production go-live', 0.5],
  ['hypercare', 'End of hypercare', 0.2],
] as const;

/** Monthly API calls included before metering starts, by offer. */
const INCLUDED_CALLS = { growth: 100_000, enterprise: 1_000_000 } as const;

/**
 * Builds the contracts of `plans`, in order, with lines whose charges follow the price
 * book in the contract currency (per period: a quarter costs three months, a prepaid year
 * ten). Every commercial decision was made by `planDemoContracts`; the only draws here
 * are the line ids, from the seed's `contract-lines` stream.
 */
export function* generateDemoContracts(seed: number, plans: Iterable<DemoContractPlan>, products: ProductIdsBySku): Generator<DemoContract> {
  const random = DemoRandom.stream(seed, 'contract-lines');
  let lineIndex = 0;
  for (const plan of plans) {
    const endDate = addMonths(plan.startDate, plan.termMonths);
    const lines = lineSpecs(plan).map((spec): DemoContractLine => {
      const productId = products.get(spec.sku);
      if (productId === undefined) throw new Error(`demo contracts: no product ${spec.sku}`);
      return {
        id: demoId(ID_PREFIX.contractLine, random, lineIndex++),
        contractId: plan.id,
        customerId: plan.customerId,
        lineKey: spec.lineKey,
        productId,
        kind: spec.kind,
        metricCode: spec.metricCode ?? null,
        charge: spec.charge,
        quantity: spec.quantity ?? '1',
        startDate: spec.startDate ?? plan.startDate,
        endDate,
      };
    });
    yield {
      id: plan.id,
      entityId: plan.entityId,
      customerId: plan.customerId,
      number: plan.number,
      currency: plan.currency,
      status: 'active',
      startDate: plan.startDate,
      endDate,
      termMonths: plan.termMonths,
      autoRenew: plan.autoRenew,
      renewalUpliftPercent: plan.renewalUpliftPercent,
      billingFrequency: plan.frequency,
      billingTiming: plan.timing,
      alignment: plan.alignment,
      billDay: null,
      poNumber: plan.poNumber,
      billedThrough: migratedBilledThrough(plan),
      lines,
      milestones: plan.milestonesCompleted.map((m) => ({ lineKey: 'implementation', milestoneKey: m.key, completedOn: m.completedOn })),
    };
  }
}

/**
 * A contract that started before the first month invoiceops billed (`firstBilledPeriod`)
 * was billed by the company's previous system until then: through the first period
 * boundary on or after that month's first day in advance (that system billed the running
 * period's fee), through the start of the running period in arrears. So the first bill
 * run bills what is due in its month, not a year of catch-up.
 */
export function migratedBilledThrough(plan: Pick<DemoContractPlan, 'firstBilledPeriod' | 'startDate' | 'frequency' | 'alignment' | 'timeZone' | 'timing'>): string | null {
  const cutOver = billingMonth(plan.firstBilledPeriod);
  if (plan.startDate >= cutOver.first) return null;
  const periods = billingPeriods(
    { start: plan.startDate, end: null, frequency: plan.frequency, alignment: plan.alignment, timeZone: plan.timeZone },
    cutOver.next,
  );
  const running = periods.find((p) => p.end > cutOver.first)!;
  if (plan.timing === 'in_arrears') return running.start;
  return running.start === cutOver.first ? running.start : running.end;
}

/** The lines of one plan: subscription, add-ons, metered usage, services. */
function lineSpecs(plan: DemoContractPlan): LineSpec[] {
  const { currency, offer } = plan;
  const months = PERIOD_MONTHS[plan.frequency];
  const periodPrice = (usd: string): string => localPrice(usd, currency, PERIOD_MULTIPLIER[plan.frequency]);
  const specs: LineSpec[] = [];
  if (offer === 'starter' || offer === 'pay_as_you_go') {
    const base = offer === 'starter' ? USD.platformBase : USD.paygPlatformBase;
    specs.push({ lineKey: 'platform', sku: 'PLAT-BASE', kind: 'recurring', charge: flatCharge('Platform base fee', periodPrice(base)) });
  }
  const [seatSku, seatName, seatUsd] = SEAT_PRODUCTS[offer];
  if (plan.seats > 0) {
    specs.push({ lineKey: 'seats', sku: seatSku, kind: 'recurring', quantity: String(plan.seats), charge: perUnitCharge(seatName, periodPrice(seatUsd), true) });
  }
  if (plan.activeUsers) {
    specs.push({ lineKey: 'active-users', sku: seatSku, kind: 'usage', metricCode: DEMO_METRICS.activeUsers, charge: perUnitCharge('Active users', localPrice(USD.activeUser, currency)) });
  }
  const addOns: readonly (readonly [boolean, string, string, string, string])[] = [
    [plan.addOns.sso, 'sso', 'ADDON-SSO', 'SSO and audit log', USD.sso],
    [plan.addOns.sandbox, 'sandbox', 'ADDON-SANDBOX', 'Sandbox environment', USD.sandbox],
    [plan.addOns.premiumSupport, 'support', 'SUPPORT-PREMIUM', 'Premium support', USD.premiumSupport],
    [plan.addOns.technicalAccountManager, 'tam', 'SUPPORT-TAM', 'Technical account manager', USD.technicalAccountManager],
  ];
  for (const [included, lineKey, sku, name, usd] of addOns) {
    if (included) specs.push({ lineKey, sku, kind: 'recurring', charge: flatCharge(name, periodPrice(usd)) });
  }
  const api = apiCharge(plan.api, offer, currency, months);
  if (api) specs.push({ lineKey: 'api', sku: 'API-1K', kind: 'usage', metricCode: DEMO_METRICS.apiCalls, charge: api });
  if (plan.storage) {
    specs.push({ lineKey: 'storage', sku: 'STORAGE-GB', kind: 'usage', metricCode: DEMO_METRICS.storage, charge: perUnitCharge('Storage, peak GB', localPrice(USD.storageGbMonth, currency, months)) });
  }
  if (plan.onboarding) {
    specs.push({ lineKey: 'onboarding', sku: 'ONBOARD-STD', kind: 'one_time', charge: { model: 'one_time', name: 'Onboarding package, Standard', params: { unitPrice: localPrice(USD.onboardingStandard, currency) } } });
  }
  if (plan.trainingDays > 0) {
    specs.push({
      lineKey: 'training',
      sku: 'TRAINING-DAY',
      kind: 'one_time',
      quantity: String(plan.trainingDays),
      startDate: addDays(plan.startDate, plan.trainingAfterDays),
      charge: { model: 'one_time', name: 'Training workshop (per day)', params: { unitPrice: localPrice(USD.trainingDay, currency) } },
    });
  }
  if (plan.implementationUsd > 0) {
    const milestones = MILESTONE_SPLIT.map(([key, description, share]) => ({ key, description, amount: localPrice(String(plan.implementationUsd * share), currency) }));
    specs.push({ lineKey: 'implementation', sku: 'ONBOARD-ENT', kind: 'milestone', charge: { model: 'milestone', name: 'Implementation project', params: { milestones } } });
  }
  return specs;
}

/** The API calls charge: per call, graduated tiers, or either after an included allowance per period. */
function apiCharge(pricing: ApiPricing, offer: DemoContractPlan['offer'], currency: string, months: number): Charge | undefined {
  const perCall = { model: 'per_unit', params: { unitPrice: localPrice(USD.apiCall, currency) } } as const;
  const graduated = { model: 'graduated', params: { tiers: apiTiers(currency, months) } } as const;
  const included = String((offer === 'enterprise' ? INCLUDED_CALLS.enterprise : INCLUDED_CALLS.growth) * months);
  switch (pricing) {
    case 'none':
      return undefined;
    case 'per_unit':
      return { ...perCall, name: 'API calls' };
    case 'graduated':
      return { ...graduated, name: 'API calls' };
    case 'allowance_per_unit':
      return { model: 'included_allowance', name: 'API calls', params: { includedQuantity: included, charge: perCall } };
    case 'allowance_graduated':
      return { model: 'included_allowance', name: 'API calls', params: { includedQuantity: included, charge: graduated } };
  }
}
