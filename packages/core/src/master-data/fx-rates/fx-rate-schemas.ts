import { z } from 'zod';
import { currencyCode, decimalString, isoDate, pageQuery, patchSchemaOf } from '../../shared/schemas.ts';

/** Where a rate came from: `ecb`, `manual`, `treasury`, or any other lower-case source name. */
export const fxRateSource = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be a lower-case source name such as ecb, manual or treasury');

/** A rate > 0 as a decimal string with up to 12 decimals (numeric(30, 12)); never a float. */
export const fxRateValue = decimalString.refine((v) => /[1-9]/.test(v), 'must be greater than 0');

const fxRateFields = {
  baseCurrency: currencyCode,
  quoteCurrency: currencyCode.describe('Units of the quote currency per one unit of the base currency'),
  rate: fxRateValue,
  effectiveDate: isoDate.describe('The day the rate applies from (until a later rate of the pair)'),
  source: fxRateSource,
};

/** Body of POST /v1/fx-rates. */
export const createFxRateSchema = z.strictObject(fxRateFields);

/**
 * Body of PATCH /v1/fx-rates/:id: only the rate (a correction). Pair, date and source
 * identify the rate; a rate for another day or source is a new record.
 */
export const updateFxRateSchema = patchSchemaOf({ rate: fxRateValue });

/** An FX rate as the API returns it; `rate` has 12 decimals as stored. */
export const fxRateSchema = z.object({
  id: z.string(),
  baseCurrency: z.string(),
  quoteCurrency: z.string(),
  rate: z.string(),
  effectiveDate: z.string(),
  source: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/fx-rates. */
export const listFxRatesQuery = pageQuery.extend({
  baseCurrency: currencyCode.optional(),
  quoteCurrency: currencyCode.optional(),
  source: fxRateSource.optional(),
  effectiveDate: isoDate.optional(),
});

/** Result of `lookupFxRate` (and of GET /v1/fx-rates/lookup). */
export const fxRateLookupSchema = z.object({
  rate: z.string().describe('Units of quote per one unit of base, as a decimal string'),
  effectiveDate: z.string().describe('The effective date of the stored rate used'),
  source: z.string().describe('The source of the stored rate used; `identity` for a currency to itself'),
  inverted: z.boolean().describe('True when derived as 1 / rate from the opposite pair'),
});

export type FxRate = z.output<typeof fxRateSchema>;
export type FxRateLookup = z.output<typeof fxRateLookupSchema>;
