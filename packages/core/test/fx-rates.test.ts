import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, SYSTEM_CONTEXT, fxRateResource, listRecords, lookupFxRate, setCurrencyActive } from '@invoiceops/core';
import { appErrorOf, createFxRate, testDatabaseKinds, updateThrough, useTestDatabase, withRollback } from '@invoiceops/testing';

describe.each(testDatabaseKinds())('FX rates on %s', (kind) => {
  const t = useTestDatabase(kind);

  describe('records', () => {
    it('stores the rate exactly with 12 decimals and lets only the rate be corrected', async () => {
      await withRollback(t.db, async (trx) => {
        const rate = await createFxRate(trx, { rate: '1.085012345678' });
        expect(rate.rate).toBe('1.085012345678');
        const corrected = await updateThrough(trx, fxRateResource, rate.id, { rate: '1.0851' });
        expect(corrected).toMatchObject({ rate: '1.085100000000', version: 2 });
        expect(fxRateResource.updateSchema.safeParse({ effectiveDate: '2026-01-03' }).success).toBe(false);
        const page = await listRecords(trx, fxRateResource, { query: { limit: 10, baseCurrency: 'EUR', quoteCurrency: 'USD', source: 'ecb' }, scope: ALL_ENTITIES });
        expect(page.data.map((r) => r.id)).toEqual([rate.id]);
      });
    });

    it('refuses a float, zero, 13 decimals, one currency twice and a disabled currency', async () => {
      expect(fxRateResource.createSchema.safeParse({ baseCurrency: 'EUR', quoteCurrency: 'USD', rate: 1.08, effectiveDate: '2026-01-02', source: 'ecb' }).success).toBe(false);
      expect(fxRateResource.createSchema.safeParse({ baseCurrency: 'EUR', quoteCurrency: 'USD', rate: '0.000', effectiveDate: '2026-01-02', source: 'ecb' }).success).toBe(false);
      expect(fxRateResource.createSchema.safeParse({ baseCurrency: 'EUR', quoteCurrency: 'USD', rate: '1.0000000000001', effectiveDate: '2026-01-02', source: 'ecb' }).success).toBe(false);
      await withRollback(t.db, async (trx) => {
        const same = await appErrorOf(createFxRate(trx, { quoteCurrency: 'EUR' }));
        expect(same.issues).toEqual([expect.objectContaining({ path: '/quoteCurrency' })]);
        await setCurrencyActive(trx, SYSTEM_CONTEXT, 'CHF', false);
        const disabled = await appErrorOf(createFxRate(trx, { baseCurrency: 'CHF' }));
        expect(disabled.issues).toEqual([expect.objectContaining({ path: '/baseCurrency', message: 'currency CHF is not enabled' })]);
      });
    });

    it('answers a second rate for the same pair, day and source with a conflict on /effectiveDate', async () => {
      await withRollback(t.db, async (trx) => {
        await createFxRate(trx);
        const error = await appErrorOf(createFxRate(trx, { rate: '1.09' }));
        expect(error.code).toBe('conflict');
        expect(error.issues[0]!.path).toBe('/effectiveDate');
      });
    });
  });

  describe('lookupFxRate', () => {
    it('takes the direct rate with the latest effective date on or before the date', async () => {
      await withRollback(t.db, async (trx) => {
        await createFxRate(trx, { effectiveDate: '2026-09-01', rate: '1.10' });
        await createFxRate(trx, { effectiveDate: '2026-09-15', rate: '1.12' });
        await createFxRate(trx, { effectiveDate: '2026-10-05', rate: '1.15' });
        expect(await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: '2026-10-01' }))
          .toEqual({ rate: '1.120000000000', effectiveDate: '2026-09-15', source: 'ecb', inverted: false });
        expect((await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: '2026-10-05' })).rate).toBe('1.150000000000');
      });
    });

    it('prefers manual > treasury > ecb > others on the same date, but a later date wins', async () => {
      await withRollback(t.db, async (trx) => {
        const day = '2026-10-01';
        await createFxRate(trx, { effectiveDate: day, source: 'zeta', rate: '1.01' });
        await createFxRate(trx, { effectiveDate: day, source: 'alpha', rate: '1.02' });
        expect((await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: day })).source).toBe('alpha');
        await createFxRate(trx, { effectiveDate: day, source: 'ecb', rate: '1.03' });
        expect((await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: day })).source).toBe('ecb');
        await createFxRate(trx, { effectiveDate: day, source: 'treasury', rate: '1.04' });
        expect((await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: day })).source).toBe('treasury');
        await createFxRate(trx, { effectiveDate: day, source: 'manual', rate: '1.05' });
        expect(await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: day }))
          .toEqual({ rate: '1.050000000000', effectiveDate: day, source: 'manual', inverted: false });

        expect((await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: day, source: 'ecb' })).rate).toBe('1.030000000000');

        await createFxRate(trx, { effectiveDate: '2026-10-02', source: 'zeta', rate: '1.06' });
        expect((await lookupFxRate(trx, { base: 'EUR', quote: 'USD', date: '2026-10-02' })).source).toBe('zeta');
      });
    });

    it('inverts the opposite pair to 12 decimals, rounding half-even, only when the pair has no rate', async () => {
      await withRollback(t.db, async (trx) => {
        await createFxRate(trx, { baseCurrency: 'EUR', quoteCurrency: 'USD', effectiveDate: '2026-09-30', rate: '1.085' });
        expect(await lookupFxRate(trx, { base: 'USD', quote: 'EUR', date: '2026-10-01' }))
          .toEqual({ rate: '0.921658986175', effectiveDate: '2026-09-30', source: 'ecb', inverted: true });

        // 1 / 0.000033554432 = 29802.3223876953125 exactly: a tie at 12 decimals, kept even.
        await createFxRate(trx, { baseCurrency: 'VND', quoteCurrency: 'EUR', effectiveDate: '2026-09-30', rate: '0.000033554432' });
        expect((await lookupFxRate(trx, { base: 'EUR', quote: 'VND', date: '2026-10-01' })).rate).toBe('29802.322387695312');

        await createFxRate(trx, { baseCurrency: 'USD', quoteCurrency: 'EUR', effectiveDate: '2026-01-02', rate: '0.95' });
        expect(await lookupFxRate(trx, { base: 'USD', quote: 'EUR', date: '2026-10-01' }))
          .toEqual({ rate: '0.950000000000', effectiveDate: '2026-01-02', source: 'ecb', inverted: false });
      });
    });

    it('returns 1 for a currency to itself and not_found naming the pair and date otherwise', async () => {
      await withRollback(t.db, async (trx) => {
        expect(await lookupFxRate(trx, { base: 'JPY', quote: 'JPY', date: '2026-10-01' }))
          .toEqual({ rate: '1', effectiveDate: '2026-10-01', source: 'identity', inverted: false });
        await createFxRate(trx, { baseCurrency: 'EUR', quoteCurrency: 'JPY', effectiveDate: '2026-10-02', rate: '162.5' });
        const tooEarly = await appErrorOf(lookupFxRate(trx, { base: 'EUR', quote: 'JPY', date: '2026-10-01' }));
        expect(tooEarly.code).toBe('not_found');
        expect(tooEarly.message).toBe('no FX rate EUR/JPY (or JPY/EUR) effective on or before 2026-10-01');
        const wrongSource = await appErrorOf(lookupFxRate(trx, { base: 'EUR', quote: 'JPY', date: '2026-10-02', source: 'treasury' }));
        expect(wrongSource.message).toContain('from source treasury');
      });
    });
  });
});
