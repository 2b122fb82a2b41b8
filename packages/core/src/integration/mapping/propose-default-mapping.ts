import type { Db } from '../../db/transaction.ts';
import type { ErpConnectionMapping } from './erp-mapping-schema.ts';

/**
 * The template used when none is given: the `ErpPostingDocument` itself, unchanged —
 * valid JSONata, and a starting point an admin replaces with the connector's template.
 */
export const PASS_THROUGH_TEMPLATE = '$';

const identity = (values: Iterable<string>): Record<string, string> =>
  Object.fromEntries([...new Set(values)].sort().map((value) => [value, value]));

/**
 * A first draft of a connection's mapping tables, built from master data for an admin to
 * edit — returned, not saved: every legal entity, every GL account (active accounts of the
 * chart and any account a document's GL distribution uses), every tax code (of the tax code
 * table and of issued lines), each mapped to itself, and every active dimension to a
 * segment of the same name with values passed through. Products and customers are left to
 * external ids. `templates` default to {@link PASS_THROUGH_TEMPLATE}; pass the connector
 * kind's default templates. The proposal is the same for every connection today; the name
 * is taken so ERP-specific proposals need no new signature.
 */
export async function proposeDefaultMapping(db: Db, _connectionName: string, templates?: ErpConnectionMapping['templates']): Promise<ErpConnectionMapping> {
  const [entities, chart, glUsed, taxTable, taxUsed, dimensions] = await Promise.all([
    db.selectFrom('legalEntities').select('id').execute(),
    db.selectFrom('glAccounts').select('code').where('active', '=', true).execute(),
    db.selectFrom('invoiceGlEntries').select('accountCode').distinct().execute(),
    db.selectFrom('taxCodes').select('code').distinct().execute(),
    db.selectFrom('invoiceLines').select('taxCode').distinct().execute(),
    db.selectFrom('glDimensions').select('code').where('active', '=', true).orderBy('code').execute(),
  ]);
  return {
    entities: identity(entities.map((e) => e.id)),
    accounts: identity([...chart.map((a) => a.code), ...glUsed.map((g) => g.accountCode)]),
    taxCodes: identity([...taxTable.map((t) => t.code), ...taxUsed.map((t) => t.taxCode)]),
    dimensions: Object.fromEntries(dimensions.map((d) => [d.code, { segment: d.code }])),
    templates: templates ?? { invoice: PASS_THROUGH_TEMPLATE, credit_memo: PASS_THROUGH_TEMPLATE },
  };
}
