import { ID_PREFIX } from '../../shared/ids.ts';
import { whereEquals } from '../list-filters.ts';
import { checkCurrencyActive } from '../reference-checks.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createFxRateSchema,
  fxRateSchema,
  listFxRatesQuery,
  updateFxRateSchema,
  type FxRate,
} from './fx-rate-schemas.ts';

/** Exchange rates per currency pair, day and source. Look them up with `lookupFxRate`. */
export const fxRateResource: ResourceDefinition = {
  path: 'fx-rates',
  objectType: 'fx_rate',
  label: 'FX rate',
  table: 'fxRates',
  idPrefix: ID_PREFIX.fxRate,
  // Rates feed every conversion, so writing them is a treasury permission of its own.
  permissions: { read: 'reference:read', write: 'fx-rates:write' },
  entityIdsOf: () => null,
  createSchema: createFxRateSchema,
  updateSchema: updateFxRateSchema,
  outputSchema: fxRateSchema,
  listQuery: listFxRatesQuery,
  uniqueFields: { fx_rates_base_currency_quote_currency_effective_date_source_key: 'effectiveDate' },
  immutable: ['baseCurrency', 'quoteCurrency', 'effectiveDate', 'source'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): FxRate => ({
    id: row.id,
    baseCurrency: row.baseCurrency as string,
    quoteCurrency: row.quoteCurrency as string,
    rate: row.rate as string,
    effectiveDate: row.effectiveDate as string,
    source: row.source as string,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (trx, row, existing) => {
    if (existing) return []; // only the rate may change, and the schema checked it
    const base = row.baseCurrency as string;
    const quote = row.quoteCurrency as string;
    const issues = [
      ...(await checkCurrencyActive(trx, base, '/baseCurrency')),
      ...(await checkCurrencyActive(trx, quote, '/quoteCurrency')),
    ];
    if (base === quote) issues.push({ path: '/quoteCurrency', message: `must differ from baseCurrency ${base} (a currency converts to itself at 1)`, code: 'same_currency' });
    return issues;
  },
  applyFilters: (qb, query) =>
    whereEquals(qb, query, {
      baseCurrency: 'base_currency',
      quoteCurrency: 'quote_currency',
      source: 'source',
      effectiveDate: 'effective_date',
    }),
};
