import { z } from 'zod';
import { ROUNDING_MODES } from '../../money/rounding.ts';
import { TAX_ID_TYPES } from '../../reference-data/tax-ids.ts';
import {
  code,
  countryCode,
  currencyCode,
  pageQuery,
  patchSchemaOf,
  postalAddress,
  requiredText,
  text,
  timeZone,
} from '../../shared/schemas.ts';

export const taxRegistration = z.strictObject({
  country: countryCode,
  type: z.enum(TAX_ID_TYPES),
  number: requiredText(40),
});

export const invoiceSeries = z.strictObject({
  code: code(20).describe('Series code, such as INV or CRN'),
  prefix: text(20).regex(/^[A-Za-z0-9/_-]*$/, 'may contain letters, digits, "/", "_" and "-"'),
  documentType: z.enum(['invoice', 'credit_memo', 'vendor_bill']),
});

/**
 * An account customers pay the entity into, printed on its invoices. IBAN and BIC, or a
 * local account number with its bank code (US ABA routing number, UK sort code, AU BSB).
 * Checked offline (IBAN and ABA checksums) and normalized on save; empty fields are dropped.
 */
export const entityBankAccount = z.strictObject({
  currency: currencyCode.nullish().describe('The account for invoices in this currency; absent: any currency'),
  bankName: requiredText(140),
  accountName: requiredText(140).describe('Account holder as the bank knows it'),
  iban: text(50).nullish().describe('Spaces and dashes are removed, letters upper-cased; an IBAN or an accountNumber is required'),
  bic: text(20).nullish().describe('8 or 11 characters; with an IBAN, its country must match'),
  accountNumber: text(40).nullish().describe('Domestic account number, where IBANs are not used (US, UK, AU, …)'),
  routingNumber: text(20).nullish().describe('US ABA routing number (9 digits, checksum)'),
  sortCode: text(20).nullish().describe('UK sort code, such as 12-34-56'),
  bsb: text(20).nullish().describe('Australian BSB, such as 062-000'),
});

const entityFields = {
  code: code(20).describe('Short unique code, such as US01 or DE'),
  legalName: requiredText(200),
  country: countryCode,
  functionalCurrency: currencyCode.describe('The currency of the entity ledger; fixed after creation'),
  taxRegistrations: z.array(taxRegistration).max(20).default([]),
  address: postalAddress,
  timeZone,
  roundingMode: z.enum(ROUNDING_MODES).default('half_up').describe('How this entity rounds money (per line, once)'),
  invoiceSeries: z.array(invoiceSeries).max(20).optional().describe('Legal number series; defaults to INV and CRN'),
  bankAccounts: z
    .array(entityBankAccount)
    .max(20)
    .default([])
    .describe('Where customers pay; an invoice prints the account for its currency, else one without a currency, else the first'),
  active: z.boolean().default(true),
};

export const createLegalEntitySchema = z.strictObject(entityFields);

const { code: _code, functionalCurrency: _currency, ...updatableFields } = entityFields;
export const updateLegalEntitySchema = patchSchemaOf(updatableFields);

export const legalEntitySchema = z.object({
  id: z.string(),
  code: z.string(),
  legalName: z.string(),
  country: z.string(),
  functionalCurrency: z.string(),
  taxRegistrations: z.array(taxRegistration),
  address: postalAddress,
  timeZone: z.string(),
  roundingMode: z.string(),
  invoiceSeries: z.array(invoiceSeries),
  bankAccounts: z.array(entityBankAccount),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listLegalEntitiesQuery = pageQuery.extend({
  country: countryCode.optional(),
});

export type LegalEntity = z.output<typeof legalEntitySchema>;
