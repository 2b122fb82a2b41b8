import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { CurrenciesTable } from '../../db/schema.ts';

/** A row of the ISO 4217 currency table. */
export type CurrencyRow = Selectable<CurrenciesTable>;

/** A currency as the API returns it. */
export const currencySchema = z.object({
  code: z.string(),
  name: z.string(),
  minorUnits: z.number().int().describe('Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD'),
  active: z.boolean().describe('Only active currencies may be used on entities, customers and FX rates'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Path parameter `:code`; an unknown but well-formed code is a 404, not a 422. */
export const currencyCodeParam = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals, such as EUR');

/** Query parameters of GET /v1/currencies. */
export const listCurrenciesQuery = z.strictObject({
  active: z.enum(['true', 'false']).optional(),
});

/** Body of PATCH /v1/currencies/:code. */
export const setCurrencyActiveSchema = z.strictObject({
  active: z.boolean(),
});

export type Currency = z.output<typeof currencySchema>;

/** Row → API object. */
export function toCurrency(row: CurrencyRow): Currency {
  return {
    code: row.code,
    name: row.name,
    minorUnits: row.minorUnits,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
