import type { GlAccountsTable } from '../db/schema.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/**
 * The demo company's chart of accounts and GL dimensions: fixed reference data, with ids
 * from the seed. Supplier default coding and product revenue mapping refer to these codes.
 */

type AccountType = GlAccountsTable['type'];

/** One GL account as the seed writes it. */
export interface DemoGlAccount {
  id: string;
  code: string;
  name: string;
  type: AccountType;
}

/** One GL dimension and its values. */
export interface DemoGlDimension {
  id: string;
  code: string;
  name: string;
  /** Document types whose lines must carry a value of this dimension. */
  requiredFor: string[];
  values: { id: string; code: string; name: string }[];
}

const ACCOUNTS: readonly (readonly [code: string, name: string, type: AccountType])[] = [
  ['1000', 'Cash and cash equivalents', 'asset'],
  ['1050', 'Payment processor clearing', 'asset'],
  ['1100', 'Accounts receivable', 'asset'],
  ['1150', 'Unbilled receivables', 'asset'],
  ['1200', 'Prepaid expenses', 'asset'],
  ['1300', 'VAT/GST receivable (input tax)', 'asset'],
  ['1500', 'Computer equipment', 'asset'],
  ['2100', 'Accounts payable', 'liability'],
  ['2150', 'Accrued expenses', 'liability'],
  ['2200', 'VAT/GST payable', 'liability'],
  ['2210', 'US sales tax payable', 'liability'],
  ['2300', 'Deferred revenue', 'liability'],
  ['2400', 'Customer credits and deposits', 'liability'],
  ['3000', 'Share capital', 'equity'],
  ['3100', 'Retained earnings', 'equity'],
  ['4000', 'Subscription revenue', 'revenue'],
  ['4100', 'Usage revenue', 'revenue'],
  ['4200', 'Professional services revenue', 'revenue'],
  ['4300', 'Support revenue', 'revenue'],
  ['4900', 'Discounts and credits', 'revenue'],
  ['5000', 'Hosting and infrastructure', 'expense'],
  ['5100', 'Third-party software in cost of revenue', 'expense'],
  ['6000', 'Salaries and wages', 'expense'],
  ['6050', 'Contractors and consultants', 'expense'],
  ['6100', 'Software subscriptions', 'expense'],
  ['6200', 'Travel and entertainment', 'expense'],
  ['6300', 'Marketing and advertising', 'expense'],
  ['6400', 'Legal and audit fees', 'expense'],
  ['6500', 'Rent and facilities', 'expense'],
  ['6600', 'Office supplies and equipment', 'expense'],
  ['6700', 'Recruiting', 'expense'],
  ['6800', 'Bank and payment processing fees', 'expense'],
  ['6900', 'Foreign exchange gains and losses', 'expense'],
  // Added after the others, so earlier accounts keep their ids. Retired by the demo's history (training revenue moved to 4200).
  ['4210', 'Training revenue', 'revenue'],
];

const DIMENSIONS: readonly {
  code: string;
  name: string;
  requiredFor: string[];
  values: readonly (readonly [code: string, name: string])[];
}[] = [
  {
    code: 'department',
    name: 'Department',
    requiredFor: ['vendor_bill'],
    values: [
      ['ENG', 'Engineering'], ['PROD', 'Product'], ['SALES', 'Sales'], ['MKT', 'Marketing'],
      ['CS', 'Customer success'], ['FIN', 'Finance'], ['PEOPLE', 'People'], ['GA', 'General and administrative'],
    ],
  },
  {
    // One cost center per office; the code follows the entity that hosts the office.
    code: 'cost_center',
    name: 'Cost center',
    requiredFor: ['vendor_bill'],
    values: [
      ['CC-US01', 'New York office'], ['CC-UK01', 'London office'], ['CC-DE01', 'Berlin office'],
      ['CC-FR01', 'Paris office'], ['CC-SG01', 'Singapore office'], ['CC-AU01', 'Sydney office'],
    ],
  },
  {
    code: 'product_line',
    name: 'Product line',
    requiredFor: ['invoice', 'credit_memo'],
    values: [
      ['CORE', 'Core platform'], ['API', 'API and usage'], ['DATA', 'Data and storage'],
      ['SERVICES', 'Professional services'], ['SUPPORT', 'Support'],
    ],
  },
  {
    code: 'region',
    name: 'Sales region',
    requiredFor: [],
    values: [['NA', 'North America'], ['EMEA', 'Europe, Middle East and Africa'], ['APAC', 'Asia Pacific'], ['LATAM', 'Latin America']],
  },
];

/** The chart of accounts (34 accounts over all five types). */
export function buildDemoGlAccounts(seed: number): DemoGlAccount[] {
  const random = DemoRandom.stream(seed, 'gl-accounts');
  return ACCOUNTS.map(([code, name, type], index) => ({ id: demoId(ID_PREFIX.glAccount, random, index), code, name, type }));
}

/** Department, cost center, product line and region, with 4–8 values each. */
export function buildDemoGlDimensions(seed: number): DemoGlDimension[] {
  const random = DemoRandom.stream(seed, 'gl-dimensions');
  let valueIndex = 0;
  return DIMENSIONS.map((dimension, index) => ({
    id: demoId(ID_PREFIX.glDimension, random, index),
    code: dimension.code,
    name: dimension.name,
    requiredFor: [...dimension.requiredFor],
    values: dimension.values.map(([code, name]) => ({
      id: demoId(ID_PREFIX.glDimensionValue, random, (valueIndex += 1)),
      code,
      name,
    })),
  }));
}
