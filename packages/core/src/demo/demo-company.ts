import type { EntityBankAccount, InvoiceSeriesConfig, PostalAddress, TaxRegistration } from '../db/schema.ts';
import { defaultInvoiceSeries } from '../master-data/legal-entities/legal-entity-resource.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/**
 * The demo company, "Brightlane Software": a SaaS group with six legal entities. The
 * entity set is fixed (it does not depend on the counts); only the ids come from the seed.
 */

/** One legal entity as the seed writes it (columns of `legal_entities`, camelCased). */
export interface DemoLegalEntity {
  id: string;
  code: string;
  legalName: string;
  country: string;
  functionalCurrency: string;
  taxRegistrations: TaxRegistration[];
  address: PostalAddress;
  timeZone: string;
  roundingMode: string;
  invoiceSeries: InvoiceSeriesConfig[];
  bankAccounts: EntityBankAccount[];
}

type EntityDefinition = Omit<DemoLegalEntity, 'id' | 'invoiceSeries'>;

/**
 * Rounding: every entity rounds half up. That is commercial practice in all six countries
 * (Germany's "kaufmännisches Runden" included); banker's rounding on a German invoice would
 * surprise its reader, so it is not used for variety's sake. Tax ids are fixed values that
 * pass `validateTaxId` (format and check digits; the test re-validates them).
 *
 * Bank accounts are fictitious ("Demo" banks and BICs) but pass the offline checks (IBAN
 * check digits and the French RIB key, ABA checksum), stored as the resource normalizes them.
 */
const ENTITY_DEFINITIONS: readonly EntityDefinition[] = [
  {
    code: 'US01',
    legalName: 'Brightlane Software, Inc.',
    country: 'US',
    functionalCurrency: 'USD',
    taxRegistrations: [{ country: 'US', type: 'us_ein', number: '83-3124295' }],
    address: { line1: '120 Hudson Street', line2: 'Floor 5', city: 'New York', region: 'NY', postalCode: '10013', country: 'US' },
    timeZone: 'America/New_York',
    roundingMode: 'half_up',
    bankAccounts: [
      { currency: 'USD', bankName: 'Demo Bank of New York', accountName: 'Brightlane Software, Inc.', accountNumber: '000123456789', routingNumber: '026000990', bic: 'DEMOUS33' },
      // Canadian customers pay in CAD.
      { currency: 'CAD', bankName: 'Demo Bank of New York', accountName: 'Brightlane Software, Inc.', accountNumber: '000123456797', routingNumber: '026000990', bic: 'DEMOUS33' },
    ],
  },
  {
    code: 'UK01',
    legalName: 'Brightlane Software Ltd',
    country: 'GB',
    functionalCurrency: 'GBP',
    taxRegistrations: [{ country: 'GB', type: 'gb_vat', number: 'GB192275394' }],
    address: { line1: '71 Clerkenwell Road', city: 'London', postalCode: 'EC1R 5BU', country: 'GB' },
    timeZone: 'Europe/London',
    roundingMode: 'half_up',
    bankAccounts: [
      { currency: 'GBP', bankName: 'Demo Bank plc', accountName: 'Brightlane Software Ltd', accountNumber: '55779911', sortCode: '200000', iban: 'GB14DEMO20000055779911', bic: 'DEMOGB2L' },
      { currency: 'EUR', bankName: 'Demo Bank plc', accountName: 'Brightlane Software Ltd', iban: 'GB08DEMO20000055779922', bic: 'DEMOGB2L' },
      { currency: 'USD', bankName: 'Demo Bank plc', accountName: 'Brightlane Software Ltd', iban: 'GB02DEMO20000055779933', bic: 'DEMOGB2L' },
    ],
  },
  {
    code: 'DE01',
    legalName: 'Brightlane Software GmbH',
    country: 'DE',
    functionalCurrency: 'EUR',
    taxRegistrations: [{ country: 'DE', type: 'eu_vat', number: 'DE775668234' }],
    address: { line1: 'Torstraße 140', city: 'Berlin', postalCode: '10119', country: 'DE' },
    timeZone: 'Europe/Berlin',
    roundingMode: 'half_up',
    bankAccounts: [
      { currency: 'EUR', bankName: 'Demobank Berlin AG', accountName: 'Brightlane Software GmbH', iban: 'DE34100999000012345678', bic: 'DEMODEBB' },
      { currency: 'USD', bankName: 'Demobank Berlin AG', accountName: 'Brightlane Software GmbH', iban: 'DE12100999000012345686', bic: 'DEMODEBB' },
    ],
  },
  {
    code: 'FR01',
    legalName: 'Brightlane Software SAS',
    country: 'FR',
    functionalCurrency: 'EUR',
    taxRegistrations: [{ country: 'FR', type: 'eu_vat', number: 'FR10760649814' }],
    address: { line1: '42 rue du Faubourg Saint-Antoine', city: 'Paris', postalCode: '75012', country: 'FR' },
    timeZone: 'Europe/Paris',
    roundingMode: 'half_up',
    bankAccounts: [
      { currency: 'EUR', bankName: 'Banque de Démonstration', accountName: 'Brightlane Software SAS', iban: 'FR7699990001000001234567804', bic: 'DEMOFRPP' },
    ],
  },
  {
    code: 'SG01',
    legalName: 'Brightlane Software Pte. Ltd.',
    country: 'SG',
    functionalCurrency: 'SGD',
    // Companies in Singapore use their UEN as the GST registration number.
    taxRegistrations: [
      { country: 'SG', type: 'sg_uen', number: '201934567K' },
      { country: 'SG', type: 'sg_gst', number: '201934567K' },
    ],
    address: { line1: '8 Marina View', line2: '#20-01 Asia Square Tower 1', city: 'Singapore', postalCode: '018960', country: 'SG' },
    timeZone: 'Asia/Singapore',
    roundingMode: 'half_up',
    bankAccounts: [
      { currency: 'SGD', bankName: 'Demo Bank (Singapore) Ltd', accountName: 'Brightlane Software Pte. Ltd.', accountNumber: '0123456789', bic: 'DEMOSGSG' },
      { currency: 'USD', bankName: 'Demo Bank (Singapore) Ltd', accountName: 'Brightlane Software Pte. Ltd.', accountNumber: '0123456797', bic: 'DEMOSGSG' },
    ],
  },
  {
    code: 'AU01',
    legalName: 'Brightlane Software Pty Ltd',
    country: 'AU',
    functionalCurrency: 'AUD',
    taxRegistrations: [{ country: 'AU', type: 'au_abn', number: '62596659933' }],
    address: { line1: 'Level 12, 1 Martin Place', city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'AU' },
    timeZone: 'Australia/Sydney',
    roundingMode: 'half_up',
    bankAccounts: [
      { currency: 'AUD', bankName: 'Demo Bank Australia Ltd', accountName: 'Brightlane Software Pty Ltd', accountNumber: '10293847', bsb: '062999', bic: 'DEMOAU2S' },
    ],
  },
];

/** The six legal entities with seeded ids and the default INV/CRN invoice series. */
export function buildDemoEntities(seed: number): DemoLegalEntity[] {
  const random = DemoRandom.stream(seed, 'legal-entities');
  return ENTITY_DEFINITIONS.map((definition, index) => ({
    id: demoId(ID_PREFIX.legalEntity, random, index),
    ...structuredClone(definition),
    invoiceSeries: defaultInvoiceSeries(definition.code),
  }));
}
