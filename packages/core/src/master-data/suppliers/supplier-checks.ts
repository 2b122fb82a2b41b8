import type { BankAccount, DefaultCoding } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { validateBic, validateIban } from '../../reference-data/bank-accounts.ts';
import { checkAccountType } from '../gl-accounts/check-account-type.ts';

/**
 * BIC countries accepted for an IBAN country besides the same code: banks in the Channel
 * Islands and the Isle of Man issue GB IBANs, French overseas territories FR IBANs, and
 * Åland banks FI IBANs, while their BICs carry the territory's own code.
 */
const BIC_COUNTRIES_FOR_IBAN: Readonly<Record<string, readonly string[]>> = {
  GB: ['JE', 'GG', 'IM'],
  FR: ['GF', 'GP', 'MQ', 'RE', 'YT', 'PM', 'BL', 'MF', 'NC', 'PF', 'WF'],
  FI: ['AX'],
};

/**
 * Validates IBAN and BIC offline, stores both normalized, and refuses a BIC from another
 * country than the IBAN: that pairing is the classic sign of a mistyped or manipulated
 * bank detail (payment fraud), and the bank would reject the transfer anyway.
 */
export function checkBankAccount(account: BankAccount): { issues: FieldIssue[]; normalized: BankAccount } {
  const iban = validateIban(account.iban);
  const bic = validateBic(account.bic);
  const issues: FieldIssue[] = [];
  if (!iban.ok) issues.push({ path: '/bankAccount/iban', message: iban.reason, code: 'iban' });
  if (!bic.ok) issues.push({ path: '/bankAccount/bic', message: bic.reason, code: 'bic' });
  const normalized = { ...account, iban: iban.ok ? iban.normalized : account.iban, bic: bic.ok ? bic.normalized : account.bic };
  if (iban.ok && bic.ok) {
    const ibanCountry = iban.normalized.slice(0, 2);
    const bicCountry = bic.normalized.slice(4, 6);
    const accepted = [ibanCountry, ...(BIC_COUNTRIES_FOR_IBAN[ibanCountry] ?? [])];
    if (!accepted.includes(bicCountry)) {
      issues.push({ path: '/bankAccount/bic', message: `BIC ${bic.normalized} is from ${bicCountry} but the IBAN is from ${ibanCountry}`, code: 'bic_country' });
    }
  }
  return { issues, normalized };
}

/**
 * A supplier's default coding must be usable on a bill as it stands: an active expense
 * or asset account (a bill is a cost or a capitalized purchase), an existing tax code,
 * and for each dimension an active value of an active dimension.
 */
export async function checkDefaultCoding(trx: Trx, coding: DefaultCoding): Promise<FieldIssue[]> {
  const issues = await checkAccountType(trx, coding.glAccountCode, '/defaultCoding/glAccountCode', ['expense', 'asset']);
  if (coding.taxCode) {
    const tax = await trx.selectFrom('taxCodes').select('id').where('code', '=', coding.taxCode).executeTakeFirst();
    if (!tax) issues.push({ path: '/defaultCoding/taxCode', message: `tax code ${coding.taxCode} does not exist`, code: 'reference' });
  }
  for (const [dimension, value] of Object.entries(coding.dimensions ?? {})) {
    issues.push(...(await checkDimensionValue(trx, dimension, value)));
  }
  return issues;
}

async function checkDimensionValue(trx: Trx, dimension: string, value: string): Promise<FieldIssue[]> {
  const path = `/defaultCoding/dimensions/${dimension}`;
  const dim = await trx.selectFrom('glDimensions').select('active').where('code', '=', dimension).executeTakeFirst();
  if (!dim) return [{ path, message: `GL dimension ${dimension} does not exist`, code: 'reference' }];
  if (!dim.active) return [{ path, message: `GL dimension ${dimension} is inactive`, code: 'inactive' }];
  const found = await trx
    .selectFrom('glDimensionValues')
    .select('active')
    .where('dimensionCode', '=', dimension)
    .where('code', '=', value)
    .executeTakeFirst();
  if (!found) return [{ path, message: `${dimension} ${value} does not exist`, code: 'reference' }];
  if (!found.active) return [{ path, message: `${dimension} ${value} is inactive`, code: 'inactive' }];
  return [];
}
