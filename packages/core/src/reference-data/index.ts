/**
 * Pure reference-data helpers for master data (customers, suppliers, legal entities):
 * countries, time zones, tax ids and bank details. No I/O; safe in any layer.
 */
export {
  COUNTRY_CODES, EU_COUNTRIES, countryName, euVatPrefix, isCountryCode, isEuCountry,
} from './countries.ts';
export type { CountryCode, EuCountryCode } from './countries.ts';
export { isTimeZone } from './time-zones.ts';
export {
  TAX_ID_TYPES, isTaxIdType, isValidEuVatChecksum, taxIdTypeForCountry, validateTaxId,
} from './tax-ids.ts';
export { EU_VAT_GENERATOR_COUNTRIES, generateTaxId } from './generate-tax-id.ts';
export type { TaxIdType, TaxIdValidation } from './tax-ids.ts';
export {
  IBAN_GENERATOR_COUNTRIES, formatIbanForDisplay, generateIban, validateBic, validateIban,
} from './bank-accounts.ts';
export type { BankDetailValidation } from './bank-accounts.ts';
