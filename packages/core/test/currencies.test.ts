import { describe, expect, it } from 'vitest';
import {
  SYSTEM_CONTEXT,
  findCurrencyRow,
  getCurrencyRow,
  listAuditForObject,
  listCurrencies,
  setCurrencyActive,
} from '@invoiceops/core';
import { appErrorOf, createCustomer, createLegalEntity, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

describe.each(testDatabaseKinds())('currencies on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('lists the ISO 4217 currencies with their minor units', async () => {
    const all = await listCurrencies(t.db);
    const byCode = new Map(all.map((c) => [c.code, c]));
    expect(byCode.get('EUR')).toMatchObject({ minorUnits: 2, active: true });
    expect(byCode.get('JPY')?.minorUnits).toBe(0);
    expect(byCode.get('KWD')?.minorUnits).toBe(3);
    expect(all.map((c) => c.code)).toEqual([...all.map((c) => c.code)].sort());
  });

  it('disables a currency for new use, audits it, and writes nothing when unchanged', async () => {
    await withRollback(t.db, async (trx) => {
      const disabled = await setCurrencyActive(trx, SYSTEM_CONTEXT, 'SEK', false);
      expect(disabled.active).toBe(false);
      await setCurrencyActive(trx, SYSTEM_CONTEXT, 'SEK', false);
      const history = await listAuditForObject(trx, 'currency', 'SEK');
      expect(history.map((h) => h.action)).toEqual(['currency.deactivated']);
      expect(history[0]!.diff).toEqual({ before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false }) });

      expect((await listCurrencies(trx, { active: false })).map((c) => c.code)).toContain('SEK');
      expect((await listCurrencies(trx, { active: true })).map((c) => c.code)).not.toContain('SEK');

      const entity = await createLegalEntity(trx);
      const refused = await appErrorOf(createCustomer(trx, entity.id, { billingCurrency: 'SEK' }));
      expect(refused.issues).toEqual([expect.objectContaining({ path: '/billingCurrency', message: 'currency SEK is not enabled' })]);
    });
  });

  it('finds a currency by code and answers not_found for an unknown one', async () => {
    expect((await getCurrencyRow(t.db, 'CHF')).name).toBeTruthy();
    expect(await findCurrencyRow(t.db, 'ZZZ')).toBeUndefined();
    expect((await appErrorOf(getCurrencyRow(t.db, 'ZZZ'))).code).toBe('not_found');
    expect((await appErrorOf(setCurrencyActive(t.db, SYSTEM_CONTEXT, 'ZZZ', true))).code).toBe('not_found');
  });
});
