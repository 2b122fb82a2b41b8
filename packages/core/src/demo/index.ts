/**
 * Demo data: a deterministic, realistic SaaS company for first runs, demos and load
 * tests. `seedDemoData` writes it; the generators are exported so tests and benchmarks
 * can produce the same data without a database.
 */
export { seedDemoData, isDatabaseEmpty, type DemoSeedSummary } from './seed-demo-data.ts';
export { billDemoHistory, queueDemoHistory, DEMO_HISTORY_JOB, DEMO_HISTORY_STEP_ACTION, type BillDemoHistoryInput, type DemoHistorySummary } from './bill-demo-history.ts';
export { planContractDefects, customerDefects, oneDigitOff, type ContractDefects } from './plan-demo-defects.ts';
export { APPROVAL_LEFT_ONE_IN, type ApprovalWork } from './work-demo-approvals.ts';
export { RETIRED_TRAINING_ACCOUNT } from './retire-demo-training-account.ts';
export { DEMO_PARTNER_SOURCE, STRAY_USAGE_ONE_IN } from './send-demo-stray-usage.ts';
export { UNPAID_ONE_IN, PAID_IN_PART_ONE_IN, type DemoPayments } from './receive-demo-payments.ts';
export { DEMO_AMENDMENT_DATE, SEAT_CHANGE_ONE_IN } from './amend-demo-contracts.ts';
export { resolveSeedOptions, SEED_LIMITS, DEFAULT_DEMO_PASSWORD, type SeedDemoDataOptions, type SeedProgress } from './seed-options.ts';
export { DEMO_SIGN_INS, DEMO_EMAIL_DOMAIN, buildDemoUsers, type DemoSignIn, type DemoUser } from './demo-users.ts';
export { buildDemoEntities, type DemoLegalEntity } from './demo-company.ts';
export { buildDemoGlAccounts, buildDemoGlDimensions, type DemoGlAccount, type DemoGlDimension } from './demo-ledger.ts';
export { buildDemoTaxCodes, buildDemoTaxJurisdictions, type DemoTaxCode, type DemoTaxJurisdiction } from './demo-tax.ts';
export { buildDemoProducts, type DemoProduct } from './demo-products.ts';
export { generateDemoFxRates, DEMO_FX_WINDOW, type DemoFxRate } from './generate-fx-rates.ts';
export { generateDemoCustomers, type DemoCustomer } from './generate-customers.ts';
export { generateDemoSuppliers, type DemoSupplier } from './generate-suppliers.ts';
export {
  DEMO_TODAY, DEMO_BILLING_PERIOD, DEMO_BILLING_MONTH, DEMO_CONTRACT_STARTS, DEMO_PILOT_ENTITY, DEMO_PILOT_FIRST_PERIOD, DEMO_GO_LIVE_PERIOD,
  DEMO_HISTORY_RUNS, DEMO_CONTROLS_ADOPTED_DAYS_AGO, demoFirstBilledPeriod, type DemoHistoryRun,
} from './demo-calendar.ts';
export { buildDemoBillableMetrics, DEMO_METRICS, type DemoBillableMetric } from './demo-metrics.ts';
export { generateDemoCrmIds, crmAccountId, DEMO_CRM_SYSTEM, type DemoExternalId } from './generate-external-ids.ts';
export {
  planDemoContracts,
  MAX_USAGE_EVENTS_PER_CUSTOMER,
  type DemoContractPlan,
  type DemoCustomerRef,
  type DemoOffer,
} from './plan-demo-contracts.ts';
export { generateDemoContracts, type DemoContract, type DemoContractLine } from './generate-contracts.ts';
export { generateDemoUsageEvents, DEMO_USAGE_SOURCE, type DemoUsageEvent } from './generate-usage-events.ts';
export { DemoRandom, mulberry32, type Rng } from './prng.ts';
export { demoId, DEMO_ID_EPOCH } from './demo-id.ts';
