import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/** One catalog product as the seed writes it. */
export interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  description: string;
  unit: string;
  revenueAccountCode: string;
  taxCategory: string;
}

type ProductDefinition = Omit<DemoProduct, 'id'>;

// Tax categories are the ones the tax engine decides on: `saas` for the platform, usage
// and support (electronically supplied services; taxable SaaS in some US states) and
// `professional_services` for onboarding, consulting and training (place of supply
// rules differ for consumers). Zero-rating, exemption and reverse charge follow from the
// customer.
const PRODUCTS: readonly ProductDefinition[] = [
  { sku: 'PLAT-BASE', name: 'Platform base fee', description: 'Monthly platform access, includes 5 seats', unit: 'month', revenueAccountCode: '4000', taxCategory: 'saas' },
  { sku: 'SEAT-STD', name: 'Platform seat, Standard', description: 'One named user, Standard plan', unit: 'seat', revenueAccountCode: '4000', taxCategory: 'saas' },
  { sku: 'SEAT-PRO', name: 'Platform seat, Professional', description: 'One named user, Professional plan', unit: 'seat', revenueAccountCode: '4000', taxCategory: 'saas' },
  { sku: 'SEAT-ENT', name: 'Platform seat, Enterprise', description: 'One named user, Enterprise plan', unit: 'seat', revenueAccountCode: '4000', taxCategory: 'saas' },
  { sku: 'ADDON-SSO', name: 'SSO and audit log add-on', description: 'SAML single sign-on and exportable audit log', unit: 'month', revenueAccountCode: '4000', taxCategory: 'saas' },
  { sku: 'ADDON-SANDBOX', name: 'Sandbox environment', description: 'A separate environment for testing integrations', unit: 'month', revenueAccountCode: '4000', taxCategory: 'saas' },
  { sku: 'API-1K', name: 'API calls (per 1,000)', description: 'Metered API requests beyond the plan allowance', unit: 'call_1k', revenueAccountCode: '4100', taxCategory: 'saas' },
  { sku: 'EVENTS-1M', name: 'Event ingestion (per million)', description: 'Metered events ingested', unit: 'event_1m', revenueAccountCode: '4100', taxCategory: 'saas' },
  { sku: 'STORAGE-GB', name: 'Storage (per GB-month)', description: 'Data retained, averaged over the month', unit: 'gb_month', revenueAccountCode: '4100', taxCategory: 'saas' },
  { sku: 'EGRESS-GB', name: 'Data egress (per GB)', description: 'Data exported out of the platform', unit: 'gb', revenueAccountCode: '4100', taxCategory: 'saas' },
  { sku: 'SUPPORT-PREMIUM', name: 'Premium support', description: '24/7 support with a one-hour response target', unit: 'month', revenueAccountCode: '4300', taxCategory: 'saas' },
  { sku: 'SUPPORT-TAM', name: 'Technical account manager', description: 'A named technical account manager', unit: 'month', revenueAccountCode: '4300', taxCategory: 'saas' },
  { sku: 'ONBOARD-STD', name: 'Onboarding package, Standard', description: 'Guided set-up over four weeks', unit: 'package', revenueAccountCode: '4200', taxCategory: 'professional_services' },
  { sku: 'ONBOARD-ENT', name: 'Onboarding package, Enterprise', description: 'Implementation project with a solutions architect', unit: 'package', revenueAccountCode: '4200', taxCategory: 'professional_services' },
  { sku: 'PS-HOUR', name: 'Professional services (per hour)', description: 'Consulting and custom integration work', unit: 'hour', revenueAccountCode: '4200', taxCategory: 'professional_services' },
  { sku: 'TRAINING-DAY', name: 'Training workshop (per day)', description: 'On-site or remote training for up to 12 people', unit: 'day', revenueAccountCode: '4210', taxCategory: 'professional_services' },
];

/** The catalog: 16 products mapped to subscription, usage, services and support revenue. */
export function buildDemoProducts(seed: number): DemoProduct[] {
  const random = DemoRandom.stream(seed, 'products');
  return PRODUCTS.map((definition, index) => ({ id: demoId(ID_PREFIX.product, random, index), ...definition }));
}
