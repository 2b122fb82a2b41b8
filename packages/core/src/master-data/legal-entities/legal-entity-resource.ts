import { sql } from 'kysely';
import type { EntityBankAccount, InvoiceSeriesConfig, TaxRegistration } from '../../db/schema.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { validateTaxId, type TaxIdType } from '../../reference-data/tax-ids.ts';
import { ID_PREFIX } from '../../shared/ids.ts';
import { isNewOrChanged } from '../changed-fields.ts';
import { checkCurrencyActive } from '../reference-checks.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import { checkEntityBankAccounts } from './check-entity-bank-accounts.ts';
import {
  createLegalEntitySchema,
  legalEntitySchema,
  listLegalEntitiesQuery,
  updateLegalEntitySchema,
  type LegalEntity,
} from './legal-entity-schemas.ts';

/** The series every entity gets unless it names its own. */
export function defaultInvoiceSeries(entityCode: string): InvoiceSeriesConfig[] {
  return [
    { code: 'INV', prefix: `${entityCode}-INV-`, documentType: 'invoice' },
    { code: 'CRN', prefix: `${entityCode}-CRN-`, documentType: 'credit_memo' },
  ];
}

function checkTaxRegistrations(registrations: TaxRegistration[]): FieldIssue[] {
  return registrations.flatMap((registration, index) => {
    const result = validateTaxId(registration.type as TaxIdType, registration.number, registration.country);
    if (!result.ok) return [{ path: `/taxRegistrations/${index}/number`, message: result.reason, code: 'tax_id' }];
    registration.number = result.normalized;
    return [];
  });
}

/** Legal entities: who issues invoices, in which functional currency and time zone, paid where. */
export const legalEntityResource: ResourceDefinition = {
  path: 'legal-entities',
  objectType: 'legal_entity',
  label: 'legal entity',
  table: 'legalEntities',
  idPrefix: ID_PREFIX.legalEntity,
  permissions: { read: 'entities:read', write: 'entities:write' },
  entityIdsOf: (row) => [row.id],
  scopeColumn: { column: 'id', kind: 'id' },
  createSchema: createLegalEntitySchema,
  updateSchema: updateLegalEntitySchema,
  outputSchema: legalEntitySchema,
  listQuery: listLegalEntitiesQuery,
  uniqueFields: { legal_entities_code_key: 'code' },
  toColumns: (input) => {
    const columns = { ...input };
    if (columns.invoiceSeries === undefined && typeof input.code === 'string') {
      columns.invoiceSeries = defaultInvoiceSeries(input.code);
    }
    if (columns.invoiceSeries === undefined) delete columns.invoiceSeries;
    return columns;
  },
  toOutput: (row: Row): LegalEntity => ({
    id: row.id,
    code: row.code as string,
    legalName: row.legalName as string,
    country: row.country as string,
    functionalCurrency: row.functionalCurrency as string,
    taxRegistrations: row.taxRegistrations as LegalEntity['taxRegistrations'],
    address: row.address as LegalEntity['address'],
    timeZone: row.timeZone as string,
    roundingMode: row.roundingMode as string,
    invoiceSeries: row.invoiceSeries as LegalEntity['invoiceSeries'],
    bankAccounts: (row.bankAccounts as EntityBankAccount[] | undefined) ?? [],
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (trx, row, existing) => {
    const issues = [
      ...(await checkCurrencyActive(trx, row.functionalCurrency as string, '/functionalCurrency')),
      ...checkTaxRegistrations(row.taxRegistrations as TaxRegistration[]),
    ];
    const series = row.invoiceSeries as InvoiceSeriesConfig[];
    const seen = new Set<string>();
    series.forEach((s, index) => {
      if (seen.has(s.code)) issues.push({ path: `/invoiceSeries/${index}/code`, message: `series ${s.code} appears twice`, code: 'duplicate' });
      seen.add(s.code);
    });
    if (isNewOrChanged(row, existing, 'bankAccounts')) {
      const bank = checkEntityBankAccounts(row.bankAccounts as EntityBankAccount[]);
      row.bankAccounts = bank.normalized;
      issues.push(...bank.issues);
    }
    return issues;
  },
  afterWrite: async (trx, row) => {
    // A series is never deleted (its numbers are legal history); a new prefix applies to
    // numbers allocated from now on.
    for (const s of row.invoiceSeries as InvoiceSeriesConfig[]) {
      await trx
        .insertInto('numberSeries')
        .values({ entityId: row.id, series: s.code, prefix: s.prefix })
        .onConflict((oc) => oc.columns(['entityId', 'series']).doUpdateSet({ prefix: s.prefix }))
        .execute();
    }
  },
  applyFilters: (qb, query) => (query.country ? qb.where(sql.ref('country'), '=', query.country as string) : qb),
};
