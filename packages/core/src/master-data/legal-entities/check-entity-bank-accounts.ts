import type { EntityBankAccount } from '../../db/schema.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { checkBankDetails } from '../bank-detail-checks.ts';

/** Optional fields, in the order they are stored; null or blank means "not given". */
const OPTIONAL_FIELDS = ['currency', 'iban', 'bic', 'accountNumber', 'routingNumber', 'sortCode', 'bsb'] as const;

/** Local bank codes, which identify a bank but not the account. */
const LOCAL_BANK_CODES = ['routingNumber', 'sortCode', 'bsb'] as const;

/** The account without null or blank optional fields, so a stored account holds only what was given. */
function withoutBlanks(account: EntityBankAccount): EntityBankAccount {
  const raw = account as unknown as Record<string, string | null | undefined>;
  const clean: EntityBankAccount = { bankName: account.bankName, accountName: account.accountName };
  for (const field of OPTIONAL_FIELDS) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim() !== '') clean[field] = value.trim();
  }
  return clean;
}

/**
 * Validates an entity's bank accounts (IBAN and ABA checksums, BIC format and country,
 * sort code, BSB) and returns them normalized. Each account needs an IBAN or a local
 * account number, since a customer cannot pay into a bank code alone. Issues name the
 * field, such as `/bankAccounts/0/iban`.
 */
export function checkEntityBankAccounts(accounts: readonly EntityBankAccount[]): { issues: FieldIssue[]; normalized: EntityBankAccount[] } {
  const issues: FieldIssue[] = [];
  const normalized = accounts.map((account, index) => {
    const path = `/bankAccounts/${index}`;
    const result = checkBankDetails(withoutBlanks(account), path);
    issues.push(...result.issues);
    const { iban, accountNumber } = result.normalized;
    const bankCode = LOCAL_BANK_CODES.find((field) => result.normalized[field] !== undefined);
    if (accountNumber === undefined && bankCode !== undefined) {
      issues.push({ path: `${path}/accountNumber`, message: `is required with ${bankCode}`, code: 'required' });
    } else if (accountNumber === undefined && iban === undefined) {
      issues.push({ path, message: 'needs an iban or a local accountNumber', code: 'required' });
    }
    return result.normalized;
  });
  return { issues, normalized };
}
