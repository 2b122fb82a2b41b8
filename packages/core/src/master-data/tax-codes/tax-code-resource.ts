import { sql } from 'kysely';
import type { Trx } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { ID_PREFIX } from '../../shared/ids.ts';
import { whereEquals, whereTextMatches } from '../list-filters.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import { checkRateForCategory, normalizeTaxRate, periodsOverlap, type ValidityPeriod } from './tax-code-rules.ts';
import {
  createTaxCodeSchema,
  listTaxCodesQuery,
  taxCodeSchema,
  updateTaxCodeSchema,
  type TaxCode,
  type VatCategory,
} from './tax-code-schemas.ts';

/** vat_category is char(2), so PostgreSQL pads "S" to "S ". */
const vatCategoryOf = (row: Row): VatCategory => String(row.vatCategory).trim() as VatCategory;

async function checkJurisdiction(trx: Trx, code: string): Promise<FieldIssue[]> {
  const found = await trx.selectFrom('taxJurisdictions').select('id').where('code', '=', code).executeTakeFirst();
  return found ? [] : [{ path: '/jurisdictionCode', message: `tax jurisdiction ${code} does not exist`, code: 'reference' }];
}

/**
 * Two periods of one code may not overlap, or a document date would have two rates. The
 * advisory lock (per code, released at commit) makes concurrent writers of the same code
 * take turns, since no table constraint can express the rule without btree_gist.
 */
async function checkNoOverlap(trx: Trx, row: Row): Promise<FieldIssue[]> {
  const code = row.code as string;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`tax_code:${code}`}))`.execute(trx);
  const others = await trx
    .selectFrom('taxCodes')
    .select(['id', 'validFrom', 'validTo'])
    .where('code', '=', code)
    .where('id', '!=', row.id)
    .execute();
  const period: ValidityPeriod = { validFrom: row.validFrom as string, validTo: (row.validTo as string | null) ?? null };
  const clash = others.find((other) => periodsOverlap(period, other));
  if (!clash) return [];
  const until = clash.validTo ? `until ${clash.validTo}` : 'open-ended';
  return [{ path: '/validFrom', message: `overlaps the period of ${code} from ${clash.validFrom} ${until} (${clash.id})`, code: 'overlap' }];
}

/** Tax codes: a rate and EN 16931 VAT category per code and validity period. Global. */
export const taxCodeResource: ResourceDefinition = {
  path: 'tax-codes',
  objectType: 'tax_code',
  label: 'tax code',
  table: 'taxCodes',
  idPrefix: ID_PREFIX.taxCode,
  permissions: { read: 'reference:read', write: 'reference:write' },
  entityIdsOf: () => null,
  createSchema: createTaxCodeSchema,
  updateSchema: updateTaxCodeSchema,
  outputSchema: taxCodeSchema,
  listQuery: listTaxCodesQuery,
  uniqueFields: { tax_codes_code_valid_from_key: 'validFrom' },
  immutable: ['code', 'jurisdictionCode'],
  toColumns: (input) => (typeof input.rate === 'string' ? { ...input, rate: normalizeTaxRate(input.rate) } : { ...input }),
  toOutput: (row: Row): TaxCode => ({
    id: row.id,
    code: row.code as string,
    jurisdictionCode: row.jurisdictionCode as string,
    name: row.name as string,
    rate: row.rate as string,
    vatCategory: vatCategoryOf(row),
    taxCategory: row.taxCategory as string,
    validFrom: row.validFrom as string,
    validTo: (row.validTo as string | null) ?? null,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (trx, row, existing) => {
    const issues = [
      ...(existing ? [] : await checkJurisdiction(trx, row.jurisdictionCode as string)),
      ...checkRateForCategory(vatCategoryOf(row), row.rate as string),
    ];
    const validTo = (row.validTo as string | null | undefined) ?? null;
    if (validTo !== null && validTo <= (row.validFrom as string)) {
      issues.push({ path: '/validTo', message: `must be after validFrom ${String(row.validFrom)}`, code: 'period' });
      return issues;
    }
    return [...issues, ...(await checkNoOverlap(trx, row))];
  },
  applyFilters: (qb, query) => {
    let q = whereEquals(qb, query, {
      code: 'code',
      jurisdictionCode: 'jurisdiction_code',
      vatCategory: 'vat_category',
      taxCategory: 'tax_category',
    });
    if (query.validOn) {
      const day = query.validOn as string;
      q = q
        .where(sql.ref('valid_from'), '<=', day)
        .where((eb) => eb.or([eb(sql.ref('valid_to'), 'is', null), eb(sql.ref('valid_to'), '>', day)]));
    }
    return whereTextMatches(q, query.q, ['code', 'name']);
  },
};
