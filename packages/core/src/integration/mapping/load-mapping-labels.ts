import type { Db } from '../../db/transaction.ts';
import { mappingRefKey, type MappingLabels, type MissingMappingKind, type MissingMappingRef } from './missing-mapping.ts';

type Label = { readonly key: string; readonly label: string };

const valuesOf = (refs: readonly MissingMappingRef[], kind: MissingMappingKind): string[] => [...new Set(refs.filter((r) => r.kind === kind && r.dimension === undefined).map((r) => r.ourValue))];

/**
 * Our names for what is missing — `GL account 4000 (Subscription revenue)`, `customer C-1001
 * (Acme GmbH)` — so a finance user recognises them. Only runs when something is missing,
 * with at most one query per table involved.
 */
export async function loadMappingLabels(db: Db, refs: readonly MissingMappingRef[]): Promise<MappingLabels> {
  const entities = valuesOf(refs, 'entity');
  const accounts = valuesOf(refs, 'account');
  const taxCodes = valuesOf(refs, 'taxCode');
  const products = valuesOf(refs, 'product');
  const customers = valuesOf(refs, 'customer');
  const dimensions = [...new Set(refs.filter((r) => r.kind === 'dimension').map((r) => r.dimension ?? r.ourValue))];
  const values = refs.filter((r) => r.kind === 'dimension' && r.dimension !== undefined);
  const key = (kind: MissingMappingKind, ourValue: string, dimension?: string) => mappingRefKey({ kind, ourValue, ...(dimension === undefined ? {} : { dimension }) });
  const lists = await Promise.all([
    entities.length === 0 ? [] : db.selectFrom('legalEntities').select(['id', 'code', 'legalName']).where('id', 'in', entities).execute()
      .then((rows) => rows.map((r): Label => ({ key: key('entity', r.id), label: `legal entity ${r.code} (${r.legalName})` }))),
    accounts.length === 0 ? [] : db.selectFrom('glAccounts').select(['code', 'name']).where('code', 'in', accounts).execute()
      .then((rows) => rows.map((r): Label => ({ key: key('account', r.code), label: `GL account ${r.code} (${r.name})` }))),
    taxCodes.length === 0 ? [] : db.selectFrom('taxCodes').select(['code', 'name']).distinctOn('code').where('code', 'in', taxCodes).orderBy('code').orderBy('validFrom', 'desc').execute()
      .then((rows) => rows.map((r): Label => ({ key: key('taxCode', r.code), label: `tax code ${r.code} (${r.name})` }))),
    products.length === 0 ? [] : db.selectFrom('products').select(['id', 'sku', 'name']).where('id', 'in', products).execute()
      .then((rows) => rows.map((r): Label => ({ key: key('product', r.id), label: `product ${r.sku} (${r.name})` }))),
    customers.length === 0 ? [] : db.selectFrom('customers').select(['id', 'number', 'name']).where('id', 'in', customers).execute()
      .then((rows) => rows.map((r): Label => ({ key: key('customer', r.id), label: `customer ${r.number} (${r.name})` }))),
    dimensions.length === 0 ? [] : db.selectFrom('glDimensions').select(['code', 'name']).where('code', 'in', dimensions).execute()
      .then((rows) => rows.map((r): Label => ({ key: key('dimension', r.code), label: `dimension ${r.code} (${r.name})` }))),
    values.length === 0 ? [] : db.selectFrom('glDimensionValues').select(['dimensionCode', 'code', 'name'])
      .where((eb) => eb.or(values.map((v) => eb.and([eb('dimensionCode', '=', v.dimension!), eb('code', '=', v.ourValue)])))).execute()
      .then((rows) => rows.map((r): Label => ({ key: key('dimension', r.code, r.dimensionCode), label: `value ${r.code} (${r.name})` }))),
  ]);
  return new Map(lists.flat().map((l) => [l.key, l.label]));
}
