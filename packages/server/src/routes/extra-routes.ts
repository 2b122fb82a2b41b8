import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  currencyCode,
  currencyCodeParam,
  currencySchema,
  fxRateLookupSchema,
  getCurrencyRow,
  isoDate,
  listCurrencies,
  listCurrenciesQuery,
  lookupFxRate,
  setCurrencyActive,
  setCurrencyActiveSchema,
  toCurrency,
  type Db,
} from '@invoiceops/core';
import { actorOf } from '../auth/authenticate-request.ts';

const fxLookupQuery = z.strictObject({
  base: currencyCode.describe('Currency converted from'),
  quote: currencyCode.describe('Currency converted to'),
  date: isoDate.describe('The day the rate is wanted for'),
  source: z.string().max(40).regex(/^[a-z][a-z0-9_-]*$/, 'must be a lower-case source name such as ecb').optional()
    .describe('Only rates from this source; otherwise manual > treasury > ecb > others'),
});

const currencyParams = z.strictObject({ code: currencyCodeParam });

/** Routes beyond plain CRUD on master data: the FX rate look-up and ISO 4217 currencies. */
export function registerExtraRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/fx-rates/lookup', {
    config: { permission: 'reference:read' },
    schema: {
      tags: ['fx-rates'],
      summary: 'The rate to use for a currency pair on a day',
      description: 'Latest rate on or before the date; the opposite pair inverted when the pair has none. See docs/fx-rates.md.',
      querystring: fxLookupQuery,
      response: { 200: fxRateLookupSchema },
    },
  }, async (request) => lookupFxRate(db, request.query));

  r.get('/v1/currencies', {
    config: { permission: 'reference:read' },
    schema: { tags: ['currencies'], summary: 'List ISO 4217 currencies', querystring: listCurrenciesQuery, response: { 200: z.object({ data: z.array(currencySchema) }) } },
  }, async (request) => {
    const active = request.query.active === undefined ? undefined : request.query.active === 'true';
    return { data: (await listCurrencies(db, { active })).map(toCurrency) };
  });

  r.get('/v1/currencies/:code', {
    config: { permission: 'reference:read' },
    schema: { tags: ['currencies'], summary: 'Get a currency', params: currencyParams, response: { 200: currencySchema } },
  }, async (request) => toCurrency(await getCurrencyRow(db, request.params.code)));

  r.patch('/v1/currencies/:code', {
    config: { permission: 'reference:write' },
    schema: {
      tags: ['currencies'],
      summary: 'Enable or disable a currency for new use',
      params: currencyParams,
      body: setCurrencyActiveSchema,
      response: { 200: currencySchema },
    },
  }, async (request) => toCurrency(await setCurrencyActive(db, actorOf(request), request.params.code, request.body.active)));
}
