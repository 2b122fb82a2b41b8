import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';

/** What the ERP knows, among the customers, products, GL account codes and tax codes asked about. */
export interface ErpMappings {
  readonly customers: ReadonlySet<string>;
  readonly products: ReadonlySet<string>;
  readonly glAccountCodes: ReadonlySet<string>;
  readonly taxCodes: ReadonlySet<string>;
  /** False when the ERP maps no tax code at all: it takes our codes as they are, so none is missing. */
  readonly taxCodesMapped: boolean;
}

/** Which mappings to look for: ids of customers and products, codes of GL accounts and tax codes. */
export interface ErpMappingQuery {
  readonly customerIds: readonly string[];
  readonly productIds: readonly string[];
  readonly glAccountCodes: readonly string[];
  readonly taxCodes: readonly string[];
}

/** An ERP system in `external_ids`: `erp`, or `erp:<product>` such as `erp:netsuite`. */
const ERP_SYSTEM = sql`(x.system = 'erp' OR x.system LIKE 'erp:%')`;

/**
 * ERP mappings in ONE query:
 *
 * - a customer, product or tax code is mapped when `external_ids` maps it (a tax code by
 *   any of its dated rows) in an ERP system (see {@link ERP_SYSTEM}); tax codes only when
 *   the ERP maps tax codes at all (at least one mapping exists) — an ERP with none takes
 *   our codes as they are;
 * - a GL account is mapped when its code is an active account of the chart of accounts:
 *   account codes are the ERP's own account numbers (gl-account-schemas), so there is
 *   nothing else to map.
 */
export async function loadErpMappings(db: Db, query: ErpMappingQuery): Promise<ErpMappings> {
  const { rows } = await sql<{ kind: string; key: string }>`
    SELECT 'customer' AS kind, x.object_id AS key FROM external_ids x
      WHERE ${ERP_SYSTEM} AND x.object_type = 'customer' AND x.object_id = ANY(${query.customerIds}::text[])
    UNION
    SELECT 'product', x.object_id FROM external_ids x
      WHERE ${ERP_SYSTEM} AND x.object_type = 'product' AND x.object_id = ANY(${query.productIds}::text[])
    UNION
    SELECT 'tax_code', t.code FROM external_ids x JOIN tax_codes t ON t.id = x.object_id
      WHERE ${ERP_SYSTEM} AND x.object_type = 'tax_code' AND t.code = ANY(${query.taxCodes}::text[])
    UNION
    SELECT 'tax_codes_mapped', '' WHERE EXISTS (SELECT 1 FROM external_ids x WHERE ${ERP_SYSTEM} AND x.object_type = 'tax_code')
    UNION
    SELECT 'gl_account', g.code FROM gl_accounts g WHERE g.active AND g.code = ANY(${query.glAccountCodes}::text[])`.execute(db);
  const of = (kind: string) => new Set(rows.filter((r) => r.kind === kind).map((r) => r.key));
  return {
    customers: of('customer'),
    products: of('product'),
    glAccountCodes: of('gl_account'),
    taxCodes: of('tax_code'),
    taxCodesMapped: rows.some((r) => r.kind === 'tax_codes_mapped'),
  };
}
