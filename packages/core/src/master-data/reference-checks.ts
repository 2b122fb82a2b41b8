import type { Trx } from '../db/transaction.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import { taxIdTypeForCountry, validateTaxId, type TaxIdType } from '../reference-data/tax-ids.ts';

/**
 * Checks shared by several master-data resources. Each returns the issues it found
 * (empty when fine) so a resource can report every problem of a request at once.
 */
export async function checkEntities(trx: Trx, entityIds: readonly string[], path: string): Promise<FieldIssue[]> {
  if (entityIds.length === 0) return [];
  const found = await trx.selectFrom('legalEntities').select(['id', 'active']).where('id', 'in', [...entityIds]).execute();
  return entityIds.flatMap((id, index) => {
    const entity = found.find((f) => f.id === id);
    const at = entityIds.length > 1 || path.endsWith('s') ? `${path}/${index}` : path;
    if (!entity) return [{ path: at, message: `legal entity ${id} does not exist`, code: 'reference' }];
    if (!entity.active) return [{ path: at, message: `legal entity ${id} is inactive`, code: 'inactive' }];
    return [];
  });
}

export async function checkCurrencyActive(trx: Trx, currency: string, path: string): Promise<FieldIssue[]> {
  const row = await trx.selectFrom('currencies').select('active').where('code', '=', currency).executeTakeFirst();
  if (!row) return [{ path, message: `currency ${currency} is not known`, code: 'reference' }];
  if (!row.active) return [{ path, message: `currency ${currency} is not enabled`, code: 'inactive' }];
  return [];
}

/**
 * Validates and normalizes a tax id in place on `row` (`taxId`, `taxIdType`). The type
 * defaults from the country (EU member → EU VAT with checksum, US → EIN, …).
 */
export function checkTaxId(row: Record<string, unknown>, country: string): FieldIssue[] {
  const value = row.taxId as string | null | undefined;
  if (value === null || value === undefined || value === '') {
    row.taxId = null;
    row.taxIdType = null;
    return [];
  }
  const type = (row.taxIdType as TaxIdType | null | undefined) ?? taxIdTypeForCountry(country);
  const result = validateTaxId(type, value, country);
  if (!result.ok) return [{ path: '/taxId', message: result.reason, code: 'tax_id' }];
  row.taxId = result.normalized;
  row.taxIdType = type;
  return [];
}
