import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, listRecords, taxCodeResource, taxJurisdictionResource } from '@invoiceops/core';
import {
  appErrorOf,
  createTaxCode,
  createTaxJurisdiction,
  testDatabaseKinds,
  unique,
  updateThrough,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

describe.each(testDatabaseKinds())('tax jurisdictions and tax codes on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('stores the rate as an exact 6-decimal string and trims the category', async () => {
    await withRollback(t.db, async (trx) => {
      const jurisdiction = await createTaxJurisdiction(trx, { code: unique('US-CA-'), name: 'California', country: 'US', region: 'CA' });
      const salesTax = await createTaxCode(trx, jurisdiction.code as string, { rate: '7.25', vatCategory: 'S', taxCategory: 'sales_tax' });
      expect(taxCodeResource.toOutput(salesTax)).toMatchObject({ rate: '7.250000', vatCategory: 'S', validTo: null });
      const page = await listRecords(trx, taxJurisdictionResource, { query: { limit: 500, country: 'US', q: 'californ' }, scope: ALL_ENTITIES });
      expect(page.data.map((j) => j.id)).toContain(jurisdiction.id);
    });
  });

  it('refuses a rate written as a number, of 100 % or more, or with more than 6 decimals', () => {
    const valid = { code: 'X', jurisdictionCode: 'DE', name: 'X', vatCategory: 'S', taxCategory: 'standard', validFrom: '2024-01-01' };
    expect(taxCodeResource.createSchema.safeParse({ ...valid, rate: 19 }).success).toBe(false);
    expect(taxCodeResource.createSchema.safeParse({ ...valid, rate: '100' }).success).toBe(false);
    expect(taxCodeResource.createSchema.safeParse({ ...valid, rate: '19.0000001' }).success).toBe(false);
    expect(taxCodeResource.createSchema.safeParse({ ...valid, rate: '99.999999' }).success).toBe(true);
  });

  it('names the jurisdiction when it does not exist', async () => {
    await withRollback(t.db, async (trx) => {
      const error = await appErrorOf(createTaxCode(trx, 'XX-NOWHERE'));
      expect(error.issues).toEqual([expect.objectContaining({ path: '/jurisdictionCode', message: 'tax jurisdiction XX-NOWHERE does not exist' })]);
    });
  });

  it('applies the EN 16931 rate rules: S above 0, Z/E/AE/K/G/O exactly 0', async () => {
    await withRollback(t.db, async (trx) => {
      const jurisdiction = await createTaxJurisdiction(trx);
      const zeroStandard = await appErrorOf(createTaxCode(trx, jurisdiction.code as string, { rate: '0', vatCategory: 'S' }));
      expect(zeroStandard.issues).toEqual([expect.objectContaining({ path: '/rate', message: expect.stringContaining('above 0') })]);
      for (const category of ['Z', 'E', 'AE', 'K', 'G', 'O']) {
        const error = await appErrorOf(createTaxCode(trx, jurisdiction.code as string, { rate: '7', vatCategory: category }));
        expect(error.issues, category).toEqual([expect.objectContaining({ path: '/rate', message: `must be 0 for VAT category ${category}, not 7.000000` })]);
      }
      const reverseCharge = await createTaxCode(trx, jurisdiction.code as string, { rate: '0.00', vatCategory: 'AE', taxCategory: 'reverse_charge' });
      expect(reverseCharge.rate).toBe('0.000000');
      const byCategory = await listRecords(trx, taxCodeResource, { query: { limit: 10, jurisdictionCode: jurisdiction.code, vatCategory: 'AE' }, scope: ALL_ENTITIES });
      expect(byCategory.data.map((c) => c.id)).toEqual([reverseCharge.id]);
      const canary = await createTaxCode(trx, jurisdiction.code as string, { rate: '7', vatCategory: 'L' });
      expect(canary.rate).toBe('7.000000');

      const switched = await appErrorOf(updateThrough(trx, taxCodeResource, reverseCharge.id, { vatCategory: 'S' }));
      expect(switched.issues[0]!.path).toBe('/rate');
    });
  });

  it('chains validity periods of one code and refuses an overlap on /validFrom', async () => {
    await withRollback(t.db, async (trx) => {
      const jurisdiction = await createTaxJurisdiction(trx);
      const code = unique('DE-VAT-');
      const reduced = await createTaxCode(trx, jurisdiction.code as string, { code, rate: '16', validFrom: '2020-07-01', validTo: '2021-01-01' });
      const standard = await createTaxCode(trx, jurisdiction.code as string, { code, rate: '19', validFrom: '2021-01-01' });

      const inForce = await listRecords(trx, taxCodeResource, { query: { limit: 10, code, validOn: '2020-12-31' }, scope: ALL_ENTITIES });
      expect(inForce.data.map((c) => c.id)).toEqual([reduced.id]);
      const later = await listRecords(trx, taxCodeResource, { query: { limit: 10, code, validOn: '2021-01-01' }, scope: ALL_ENTITIES });
      expect(later.data.map((c) => c.id)).toEqual([standard.id]);

      const overlapping = await appErrorOf(createTaxCode(trx, jurisdiction.code as string, { code, rate: '19', validFrom: '2020-12-01', validTo: '2020-12-15' }));
      expect(overlapping.code).toBe('validation_failed');
      expect(overlapping.issues).toEqual([expect.objectContaining({ path: '/validFrom', message: expect.stringContaining('2020-07-01 until 2021-01-01') })]);

      const extended = await appErrorOf(updateThrough(trx, taxCodeResource, reduced.id, { validTo: '2021-02-01' }));
      expect(extended.issues[0]!.path).toBe('/validFrom');
      expect(extended.issues[0]!.message).toContain('open-ended');

      const backwards = await appErrorOf(updateThrough(trx, taxCodeResource, reduced.id, { validTo: '2020-07-01' }));
      expect(backwards.issues).toEqual([expect.objectContaining({ path: '/validTo', message: 'must be after validFrom 2020-07-01' })]);
    });
  });
});
