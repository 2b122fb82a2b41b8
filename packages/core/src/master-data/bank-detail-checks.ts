import type { FieldIssue } from '../errors/app-error.ts';
import {
  bicCountryMismatch,
  validateAbaRoutingNumber,
  validateAccountNumber,
  validateBic,
  validateBsb,
  validateIban,
  validateSortCode,
  type BankDetailValidation,
} from '../reference-data/bank-accounts.ts';

/** The bank detail fields a supplier or legal entity account may carry. */
export type BankDetailField = 'iban' | 'bic' | 'accountNumber' | 'routingNumber' | 'sortCode' | 'bsb';

/** Each field's offline check and the issue code it reports. */
const FIELD_CHECKS: Readonly<Record<BankDetailField, { validate: (value: string) => BankDetailValidation; code: string }>> = {
  iban: { validate: validateIban, code: 'iban' },
  bic: { validate: validateBic, code: 'bic' },
  accountNumber: { validate: validateAccountNumber, code: 'account_number' },
  routingNumber: { validate: validateAbaRoutingNumber, code: 'routing_number' },
  sortCode: { validate: validateSortCode, code: 'sort_code' },
  bsb: { validate: validateBsb, code: 'bsb' },
};

/**
 * Validates the bank detail fields present on `account` offline and returns them
 * normalized (IBAN electronic format, BIC upper case, codes as digits). With both an
 * IBAN and a BIC, refuses a BIC from another country than the IBAN: that pairing is the
 * classic sign of a mistyped or manipulated bank detail (payment fraud), and the bank
 * would reject the transfer anyway. Issues are reported under `path` (`/bankAccount`,
 * `/bankAccounts/0`).
 */
export function checkBankDetails<T extends Partial<Record<BankDetailField, string>>>(
  account: T,
  path: string,
): { issues: FieldIssue[]; normalized: T } {
  const issues: FieldIssue[] = [];
  const failed = new Set<BankDetailField>();
  const normalized: T = { ...account };
  for (const [field, { validate, code }] of Object.entries(FIELD_CHECKS) as [BankDetailField, (typeof FIELD_CHECKS)[BankDetailField]][]) {
    const value = account[field];
    if (value === undefined) continue;
    const result = validate(value);
    if (result.ok) {
      normalized[field] = result.normalized as T[BankDetailField];
    } else {
      failed.add(field);
      issues.push({ path: `${path}/${field}`, message: result.reason, code });
    }
  }
  const { iban, bic } = normalized;
  const comparable = iban !== undefined && bic !== undefined && !failed.has('iban') && !failed.has('bic');
  const mismatch = comparable ? bicCountryMismatch(iban, bic) : null;
  if (mismatch !== null) issues.push({ path: `${path}/bic`, message: mismatch, code: 'bic_country' });
  return { issues, normalized };
}
