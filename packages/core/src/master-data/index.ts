import { customerResource } from './customers/customer-resource.ts';
import { externalIdResource } from './external-ids/external-id-resource.ts';
import { fxRateResource } from './fx-rates/fx-rate-resource.ts';
import { glAccountResource } from './gl-accounts/gl-account-resource.ts';
import { glDimensionValueResource } from './gl-dimension-values/gl-dimension-value-resource.ts';
import { glDimensionResource } from './gl-dimensions/gl-dimension-resource.ts';
import { legalEntityResource } from './legal-entities/legal-entity-resource.ts';
import { productResource } from './products/product-resource.ts';
import type { ResourceDefinition } from './resource.ts';
import { supplierResource } from './suppliers/supplier-resource.ts';
import { taxCodeResource } from './tax-codes/tax-code-resource.ts';
import { taxJurisdictionResource } from './tax-jurisdictions/tax-jurisdiction-resource.ts';

/** Every master-data resource, in the order the API reference lists them. */
export const MASTER_DATA_RESOURCES: ResourceDefinition[] = [
  legalEntityResource,
  customerResource,
  supplierResource,
  productResource,
  glAccountResource,
  glDimensionResource,
  glDimensionValueResource,
  taxJurisdictionResource,
  taxCodeResource,
  fxRateResource,
  externalIdResource,
];

export {
  customerResource,
  externalIdResource,
  fxRateResource,
  glAccountResource,
  glDimensionResource,
  glDimensionValueResource,
  legalEntityResource,
  productResource,
  supplierResource,
  taxCodeResource,
  taxJurisdictionResource,
};
export * from './create-record.ts';
export * from './update-record.ts';
export * from './get-record.ts';
export * from './list-records.ts';
export * from './pagination.ts';
export type * from './resource.ts';
export * from './currencies/index.ts';
export { lookupFxRate, invertRate, INVERSE_RATE_DECIMALS, type LookupFxRateInput } from './fx-rates/lookup-fx-rate.ts';
export { fxRateLookupSchema, type FxRate, type FxRateLookup } from './fx-rates/fx-rate-schemas.ts';
export { findEntityBankAccounts } from './legal-entities/find-entity-bank-accounts.ts';
export { resolveExternalId } from './external-ids/resolve-external-id.ts';
export { EXTERNAL_OBJECT_TYPES, type ExternalIdMapping, type ExternalObjectType } from './external-ids/external-id-schemas.ts';
export { VAT_CATEGORIES, type TaxCode, type VatCategory } from './tax-codes/tax-code-schemas.ts';
export { GL_ACCOUNT_TYPES, type GlAccount } from './gl-accounts/gl-account-schemas.ts';
export { CODED_DOCUMENT_TYPES } from './gl-dimensions/gl-dimension-schemas.ts';
export type { Customer } from './customers/customer-schemas.ts';
