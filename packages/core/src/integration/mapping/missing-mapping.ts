import { ERP_MAPPING_KIND } from './erp-mapping-schema.ts';

/**
 * What has no ERP counterpart: the whole mapping of a connection (`mapping`: none is
 * published), or one of our entities, GL accounts, tax codes, products, customers,
 * dimensions or dimension values.
 */
export type MissingMappingKind = 'mapping' | 'entity' | 'account' | 'taxCode' | 'product' | 'customer' | 'dimension';

/** A missing translation as the pure translator finds it, before it is put in words. */
export interface MissingMappingRef {
  readonly kind: MissingMappingKind;
  /** Our id or code that has no ERP counterpart (the connection name for `mapping`). */
  readonly ourValue: string;
  /** For a dimension value: its dimension (then `ourValue` is the value). */
  readonly dimension?: string;
}

/** A missing translation in words a finance user acts on, with the fix and where it goes. */
export interface MissingMapping extends MissingMappingRef {
  /** "GL account 4000 (Subscription revenue) has no NetSuite account in the erp_mapping for connection netsuite" */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
  /** Where the entry belongs in the `erp_mapping` content: `/connections/netsuite/accounts/4000`. */
  readonly pointer: string;
}

/** How our objects are named in messages: `GL account 4000 (Subscription revenue)`; the code alone when unknown. */
export type MappingLabels = ReadonlyMap<string, string>;

/** The key of a reference in {@link MappingLabels} and for de-duplication. */
export function mappingRefKey(ref: MissingMappingRef): string {
  return `${ref.kind}\u0000${ref.dimension ?? ''}\u0000${ref.ourValue}`;
}

const escape = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

const TABLE: Record<Exclude<MissingMappingKind, 'mapping'>, string> = {
  entity: 'entities',
  account: 'accounts',
  taxCode: 'taxCodes',
  product: 'products',
  customer: 'customers',
  dimension: 'dimensions',
};

const ERP_NOUN: Record<Exclude<MissingMappingKind, 'mapping'>, string> = {
  entity: 'company (subsidiary, company code, business unit or tenant)',
  account: 'account',
  taxCode: 'tax code',
  product: 'item',
  customer: 'customer',
  dimension: 'segment',
};

const DEFAULT_LABEL: Record<Exclude<MissingMappingKind, 'mapping'>, (value: string) => string> = {
  entity: (v) => `legal entity ${v}`,
  account: (v) => `GL account ${v}`,
  taxCode: (v) => `tax code ${v}`,
  product: (v) => `product ${v}`,
  customer: (v) => `customer ${v}`,
  dimension: (v) => `dimension ${v}`,
};

/**
 * Puts a missing translation in words: what is missing for which connection, the fix, and
 * the pointer of the entry to add. `erpName` names the ERP ("NetSuite"; "ERP" when unknown);
 * `labels` give our names (see {@link mappingRefKey}).
 */
export function describeMissingMapping(ref: MissingMappingRef, connectionName: string, erpName: string, labels: MappingLabels = new Map()): MissingMapping {
  const where = `the ${ERP_MAPPING_KIND} for connection ${connectionName}`;
  const publish = `draft a new ${ERP_MAPPING_KIND} version (/v1/controls/releases/${ERP_MAPPING_KIND}) and have a second controller publish it`;
  const base = `/connections/${escape(connectionName)}`;
  if (ref.kind === 'mapping') {
    return {
      ...ref,
      message: `there is no published ${ERP_MAPPING_KIND} for connection ${connectionName}, so nothing can be translated for ${erpName}`,
      fix: `add connections.${connectionName} (entities, accounts, tax codes and templates) to an ${ERP_MAPPING_KIND}: ${publish}`,
      pointer: base,
    };
  }
  if (ref.kind === 'dimension' && ref.dimension !== undefined) {
    const value = labels.get(mappingRefKey(ref)) ?? `value ${ref.ourValue}`;
    const dimension = labels.get(mappingRefKey({ kind: 'dimension', ourValue: ref.dimension })) ?? `dimension ${ref.dimension}`;
    return {
      ...ref,
      message: `${value} of ${dimension} has no ${erpName} value in ${where}`,
      fix: `add "${ref.ourValue}" under dimensions.${ref.dimension}.values (or remove that values list to send values as they are): ${publish}`,
      pointer: `${base}/dimensions/${escape(ref.dimension)}/values/${escape(ref.ourValue)}`,
    };
  }
  const label = labels.get(mappingRefKey(ref)) ?? DEFAULT_LABEL[ref.kind](ref.ourValue);
  const table = TABLE[ref.kind];
  const fixes: Record<Exclude<MissingMappingKind, 'mapping'>, string> = {
    entity: `add "${ref.ourValue}" under entities`,
    account: `add "${ref.ourValue}" under accounts (or set defaults.account)`,
    taxCode: `add "${ref.ourValue}" under taxCodes (or set defaults.taxCode)`,
    product: `add "${ref.ourValue}" under products, or record the ${erpName} item id in external ids (system erp:${connectionName}, type product)`,
    customer: `add "${ref.ourValue}" under customers, or record the ${erpName} customer id in external ids (system erp:${connectionName}, type customer)`,
    dimension: `add dimensions.${ref.ourValue} with the ${erpName} segment it goes to`,
  };
  return {
    ...ref,
    message: `${label} has no ${erpName} ${ERP_NOUN[ref.kind]} in ${where}`,
    fix: ref.kind === 'product' || ref.kind === 'customer' ? `${fixes[ref.kind]}; in the mapping: ${publish}` : `${fixes[ref.kind]}: ${publish}`,
    pointer: `${base}/${table}/${escape(ref.ourValue)}`,
  };
}

/**
 * All missing translations of one document as one text for an exception:
 * "3 ERP mappings are missing for connection netsuite: GL account 4000 … ; customer C-1 …".
 */
export function summarizeMissingMappings(missing: readonly MissingMapping[], connectionName: string): string {
  const count = missing.length === 1 ? '1 ERP mapping is' : `${missing.length} ERP mappings are`;
  return `${count} missing for connection ${connectionName}: ${missing.map((m) => m.message).join('; ')}`;
}
