import type { BankAccount, DefaultCoding } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { checkBankDetails } from '../bank-detail-checks.ts';
import { checkAccountType } from '../gl-accounts/check-account-type.ts';

/** Validates IBAN and BIC offline (see {@link checkBankDetails}) and returns them normalized. */
export function checkBankAccount(account: BankAccount): { issues: FieldIssue[]; normalized: BankAccount } {
  return checkBankDetails(account, '/bankAccount');
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
