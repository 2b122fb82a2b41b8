import type { Trx } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import type { GL_ACCOUNT_TYPES } from './gl-account-schemas.ts';

type GlAccountType = (typeof GL_ACCOUNT_TYPES)[number];

const withArticle = (type: string): string => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;

/**
 * Checks that `accountCode` names an active GL account of one of `allowed` types, and
 * says what it found otherwise ("GL account 4000 is a revenue account, expected an
 * expense or asset account"), since a wrong account class misstates the books silently.
 */
export async function checkAccountType(
  trx: Trx,
  accountCode: string,
  path: string,
  allowed: readonly GlAccountType[],
): Promise<FieldIssue[]> {
  const account = await trx.selectFrom('glAccounts').select(['type', 'active']).where('code', '=', accountCode).executeTakeFirst();
  if (!account) return [{ path, message: `GL account ${accountCode} does not exist`, code: 'reference' }];
  if (!account.active) return [{ path, message: `GL account ${accountCode} is inactive`, code: 'inactive' }];
  if (!allowed.includes(account.type)) {
    const expected = `${withArticle(allowed[0]!)}${allowed.slice(1).map((t) => ` or ${t}`).join('')} account`;
    return [{ path, message: `GL account ${accountCode} is ${withArticle(account.type)} account, expected ${expected}`, code: 'account_type' }];
  }
  return [];
}
