import { roleConflicts } from '../identity/user-repository.ts';
import { customerResource } from '../master-data/customers/customer-resource.ts';
import { fxRateResource } from '../master-data/fx-rates/fx-rate-resource.ts';
import { glAccountResource } from '../master-data/gl-accounts/gl-account-resource.ts';
import { glDimensionValueResource } from '../master-data/gl-dimension-values/gl-dimension-value-resource.ts';
import { glDimensionResource } from '../master-data/gl-dimensions/gl-dimension-resource.ts';
import { legalEntityResource } from '../master-data/legal-entities/legal-entity-resource.ts';
import { productResource } from '../master-data/products/product-resource.ts';
import type { ResourceDefinition, Row } from '../master-data/resource.ts';
import { supplierResource } from '../master-data/suppliers/supplier-resource.ts';
import { taxCodeResource } from '../master-data/tax-codes/tax-code-resource.ts';
import { normalizeTaxRate } from '../master-data/tax-codes/tax-code-rules.ts';
import { taxJurisdictionResource } from '../master-data/tax-jurisdictions/tax-jurisdiction-resource.ts';
import { formatMoney, parseMoney } from '../money/parse-format.ts';
import type { DemoLegalEntity } from './demo-company.ts';
import type { DemoGlAccount, DemoGlDimension } from './demo-ledger.ts';
import type { DemoProduct } from './demo-products.ts';
import type { DemoTaxCode, DemoTaxJurisdiction } from './demo-tax.ts';
import type { DemoUser } from './demo-users.ts';
import type { DemoCustomer } from './generate-customers.ts';
import type { DemoFxRate } from './generate-fx-rates.ts';
import type { DemoSupplier } from './generate-suppliers.ts';
import { mapItems, type AuditedRow, type SeedWriter } from './seed-writer.ts';

/**
 * One function per seed stage: turns generated objects into table rows plus the audit
 * record of each, where `after` is the object exactly as the API's resource shows it
 * (built with the resource's own `toOutput`, from the values the database will return).
 */

/** What the database fills in on insert, as the API would read it back. */
function stored(now: Date, fields: Record<string, unknown> & { id: string }): Row {
  return { active: true, version: 1, createdAt: now, updatedAt: now, ...fields };
}

/** The resource's API view of a row (`toOutput` is typed loosely on the generic definition). */
const outputOf = (resource: ResourceDefinition, row: Row): object => resource.toOutput(row) as object;

const stamps = (now: Date): { createdAt: Date; updatedAt: Date } => ({ createdAt: now, updatedAt: now });

/** Legal entities and their INV/CRN number series (part of the entity, as on create). */
export async function writeLegalEntities(w: SeedWriter, entities: readonly DemoLegalEntity[], now: Date): Promise<void> {
  await w.insertAudited('legal entities', 'legalEntities', legalEntityResource.objectType, mapItems(entities, (e): AuditedRow => ({
    row: { ...e, taxRegistrations: JSON.stringify(e.taxRegistrations), address: JSON.stringify(e.address), invoiceSeries: JSON.stringify(e.invoiceSeries), bankAccounts: JSON.stringify(e.bankAccounts), ...stamps(now) },
    objectId: e.id,
    entityId: e.id,
    after: outputOf(legalEntityResource, stored(now, { ...e })),
  })));
  await w.insertPlain('numberSeries', entities.flatMap((e) => e.invoiceSeries.map((s) => ({ entityId: e.id, series: s.code, prefix: s.prefix }))));
}

/** Chart of accounts, then dimensions, then their values (values refer to dimension codes). */
export async function writeLedger(w: SeedWriter, accounts: readonly DemoGlAccount[], dimensions: readonly DemoGlDimension[], now: Date): Promise<void> {
  await w.insertAudited('chart of accounts', 'glAccounts', glAccountResource.objectType, mapItems(accounts, (a): AuditedRow => ({
    row: { ...a, ...stamps(now) },
    objectId: a.id,
    entityId: null,
    after: outputOf(glAccountResource, stored(now, { ...a })),
  })));
  await w.insertAudited('GL dimensions', 'glDimensions', glDimensionResource.objectType, mapItems(dimensions, (d): AuditedRow => {
    const fields = { id: d.id, code: d.code, name: d.name, requiredFor: d.requiredFor };
    return { row: { ...fields, ...stamps(now) }, objectId: d.id, entityId: null, after: outputOf(glDimensionResource, stored(now, fields)) };
  }));
  const values = dimensions.flatMap((d) => d.values.map((v) => ({ ...v, dimensionCode: d.code, ownerUserId: null })));
  await w.insertAudited('GL dimensions', 'glDimensionValues', glDimensionValueResource.objectType, mapItems(values, (v): AuditedRow => ({
    row: { ...v, ...stamps(now) },
    objectId: v.id,
    entityId: null,
    after: outputOf(glDimensionValueResource, stored(now, v)),
  })));
}

/** Tax jurisdictions and tax codes; rates are written in the column's 6-decimal form. */
export async function writeTax(w: SeedWriter, jurisdictions: readonly DemoTaxJurisdiction[], codes: readonly DemoTaxCode[], now: Date): Promise<void> {
  await w.insertAudited('tax', 'taxJurisdictions', taxJurisdictionResource.objectType, mapItems(jurisdictions, (j): AuditedRow => ({
    row: { ...j, ...stamps(now) },
    objectId: j.id,
    entityId: null,
    after: outputOf(taxJurisdictionResource, stored(now, { ...j })),
  })));
  await w.insertAudited('tax', 'taxCodes', taxCodeResource.objectType, mapItems(codes, (c): AuditedRow => {
    const fields = { ...c, rate: normalizeTaxRate(c.rate) };
    return { row: { ...fields, ...stamps(now) }, objectId: c.id, entityId: null, after: outputOf(taxCodeResource, stored(now, fields)) };
  }));
}

/** The product catalog (revenue accounts must exist: write after the ledger). */
export async function writeProducts(w: SeedWriter, products: readonly DemoProduct[], now: Date): Promise<void> {
  await w.insertAudited('products', 'products', productResource.objectType, mapItems(products, (p): AuditedRow => ({
    row: { ...p, ...stamps(now) },
    objectId: p.id,
    entityId: null,
    after: outputOf(productResource, stored(now, { ...p })),
  })));
}

/** FX rates; the generated 6-decimal rates are padded to the column's 12 decimals. */
export async function writeFxRates(w: SeedWriter, rates: readonly DemoFxRate[], now: Date): Promise<void> {
  await w.insertAudited('FX rates', 'fxRates', fxRateResource.objectType, mapItems(rates, (r): AuditedRow => {
    const fields = { ...r, rate: r.rate.padEnd(r.rate.indexOf('.') + 13, '0') };
    return { row: { ...fields, ...stamps(now) }, objectId: r.id, entityId: null, after: outputOf(fxRateResource, stored(now, fields)) };
  }));
}

/**
 * Users with grants and approval limits. Humans get `passwordHash` (one hash of the demo
 * password, shared), machines none. The audit `after` is the user as `GET /v1/users/:id` shows it.
 */
export async function writeUsers(w: SeedWriter, users: readonly DemoUser[], passwordHash: string, now: Date): Promise<void> {
  await w.insertAudited('users', 'users', 'user', mapItems(users, (u): AuditedRow => ({
    row: { id: u.id, email: u.email, name: u.name, kind: u.kind, passwordHash: u.kind === 'human' ? passwordHash : null, ...stamps(now) },
    objectId: u.id,
    entityId: null,
    after: {
      id: u.id,
      email: u.email,
      name: u.name,
      kind: u.kind,
      active: true,
      grants: [...u.grants].sort((a, b) => a.role.localeCompare(b.role)).map((g) => ({ role: g.role, entityId: g.entityId })),
      approvalLimits: [...u.approvalLimits]
        .sort((a, b) => a.currency.localeCompare(b.currency))
        .map((l) => ({ currency: l.currency, amount: formatMoney(parseMoney(l.amount, l.currency)) })),
      conflicts: roleConflicts([...new Set(u.grants.map((g) => g.role))]),
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
  })));
  await w.insertPlain('roleGrants', users.flatMap((u) => u.grants.map((g) => ({ id: g.id, userId: u.id, role: g.role, entityId: g.entityId, createdAt: now }))));
  await w.insertPlain('approvalLimits', users.flatMap((u) => u.approvalLimits.map((l) => ({
    userId: u.id,
    currency: l.currency,
    amountMinor: parseMoney(l.amount, l.currency).amount,
    createdAt: now,
  }))));
}

/** Customers, streamed from the generator in chunks. */
export async function writeCustomers(w: SeedWriter, customers: Iterable<DemoCustomer>, now: Date): Promise<number> {
  return w.insertAudited('customers', 'customers', customerResource.objectType, mapItems(customers, (c): AuditedRow => ({
    row: { ...c, billingAddress: JSON.stringify(c.billingAddress), contacts: JSON.stringify(c.contacts), ...stamps(now) },
    objectId: c.id,
    entityId: c.entityId,
    after: outputOf(customerResource, stored(now, { ...c })),
  })));
}

/** Suppliers, streamed from the generator; the audit row names the first entity served. */
export async function writeSuppliers(w: SeedWriter, suppliers: Iterable<DemoSupplier>, now: Date): Promise<number> {
  return w.insertAudited('suppliers', 'suppliers', supplierResource.objectType, mapItems(suppliers, (s): AuditedRow => ({
    row: {
      ...s,
      bankAccount: s.bankAccount === null ? null : JSON.stringify(s.bankAccount),
      defaultCoding: JSON.stringify(s.defaultCoding),
      ...stamps(now),
    },
    objectId: s.id,
    entityId: s.entityIds[0] ?? null,
    after: outputOf(supplierResource, stored(now, { ...s })),
  })));
}
