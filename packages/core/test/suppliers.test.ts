import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  listAuditForObject,
  listRecords,
  supplierResource,
  updateRecord,
} from '@invoiceops/core';
import {
  appErrorOf,
  createGlAccount,
  createGlDimension,
  createGlDimensionValue,
  createLegalEntity,
  createSupplier,
  createTaxCode,
  createTaxJurisdiction,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

describe.each(testDatabaseKinds())('suppliers on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('stores IBAN, BIC and VAT id normalized, for every entity the supplier serves', async () => {
    await withRollback(t.db, async (trx) => {
      const berlin = await createLegalEntity(trx);
      const paris = await createLegalEntity(trx, { country: 'FR', address: { line1: '1 rue de Rivoli', city: 'Paris', country: 'FR' }, timeZone: 'Europe/Paris' });
      const supplier = await createSupplier(trx, [berlin.id, paris.id], {
        taxId: 'de 136 695 976',
        bankAccount: { iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx', accountName: 'Cloudhost GmbH' },
      });
      expect(supplier.bankAccount).toEqual({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', accountName: 'Cloudhost GmbH' });
      expect(supplier.taxId).toBe('DE136695976');
      expect(supplier.taxIdType).toBe('eu_vat');
      const history = await listAuditForObject(trx, 'supplier', supplier.id);
      expect(history.map((h) => h.action)).toEqual(['supplier.created']);

      const forParis = await listRecords(trx, supplierResource, { query: { limit: 10, entityId: paris.id }, scope: ALL_ENTITIES });
      expect(forParis.data.map((s) => s.id)).toEqual([supplier.id]);
      const parisClerk = await listRecords(trx, supplierResource, { query: { limit: 10 }, scope: { all: false, entityIds: [paris.id] } });
      expect(parisClerk.data.map((s) => s.id)).toContain(supplier.id);
      const otherClerk = await listRecords(trx, supplierResource, { query: { limit: 10 }, scope: { all: false, entityIds: ['ent_00000000000000000000000000'] } });
      expect(otherClerk.data).toHaveLength(0);
    });
  });

  it('refuses a mistyped IBAN on /bankAccount/iban and writes nothing', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const error = await appErrorOf(createSupplier(trx, [entity.id], {
        number: 'BAD-IBAN',
        bankAccount: { iban: 'DE89370400440532013001', bic: 'COBADEFFXXX', accountName: 'Cloudhost GmbH' },
      }));
      expect(error.code).toBe('validation_failed');
      expect(error.issues).toEqual([expect.objectContaining({ path: '/bankAccount/iban', message: expect.stringContaining('checksum') })]);
      const page = await listRecords(trx, supplierResource, { query: { limit: 10, entityId: entity.id }, scope: ALL_ENTITIES });
      expect(page.data).toHaveLength(0);
    });
  });

  it('refuses a BIC from another country than the IBAN, on /bankAccount/bic', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const error = await appErrorOf(createSupplier(trx, [entity.id], {
        bankAccount: { iban: 'DE89370400440532013000', bic: 'BNPAFRPPXXX', accountName: 'Cloudhost GmbH' },
      }));
      expect(error.issues).toEqual([expect.objectContaining({ path: '/bankAccount/bic', message: 'BIC BNPAFRPPXXX is from FR but the IBAN is from DE' })]);
    });
  });

  it('accepts a Jersey BIC with a GB IBAN, as Channel Islands banks issue them', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const supplier = await createSupplier(trx, [entity.id], {
        country: 'GB',
        taxId: 'GB980780684',
        bankAccount: { iban: 'GB29 NWBK 6016 1331 9268 19', bic: 'RBOSJESH', accountName: 'Island Hosting Ltd' },
      });
      expect(supplier.taxIdType).toBe('gb_vat');
      expect((supplier.bankAccount as { iban: string }).iban).toBe('GB29NWBK60161331926819');
    });
  });

  it('names each unknown entity by its position in entityIds', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const error = await appErrorOf(createSupplier(trx, [entity.id, 'ent_01J00000000000000000000000']));
      expect(error.issues).toEqual([expect.objectContaining({ path: '/entityIds/1', message: expect.stringContaining('does not exist') })]);
    });
  });

  it('checks default coding: account exists and is an expense or asset account, dimension values exist', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const expense = await createGlAccount(trx, { type: 'expense' });
      const revenue = await createGlAccount(trx, { type: 'revenue', name: 'SaaS revenue' });
      const dimension = await createGlDimension(trx);
      const value = await createGlDimensionValue(trx, dimension.code as string);
      const jurisdiction = await createTaxJurisdiction(trx);
      const taxCode = await createTaxCode(trx, jurisdiction.code as string);

      const unknown = await appErrorOf(createSupplier(trx, [entity.id], { defaultCoding: { glAccountCode: 'NOPE-1' } }));
      expect(unknown.issues).toEqual([expect.objectContaining({ path: '/defaultCoding/glAccountCode', message: 'GL account NOPE-1 does not exist' })]);

      const wrongType = await appErrorOf(createSupplier(trx, [entity.id], { defaultCoding: { glAccountCode: revenue.code } }));
      expect(wrongType.issues).toEqual([expect.objectContaining({
        path: '/defaultCoding/glAccountCode',
        message: `GL account ${String(revenue.code)} is a revenue account, expected an expense or asset account`,
      })]);

      const badValue = await appErrorOf(createSupplier(trx, [entity.id], {
        defaultCoding: { glAccountCode: expense.code, dimensions: { [dimension.code as string]: 'CC-NOPE' } },
      }));
      expect(badValue.issues).toEqual([expect.objectContaining({ path: `/defaultCoding/dimensions/${String(dimension.code)}` })]);

      const badDimension = await appErrorOf(createSupplier(trx, [entity.id], {
        defaultCoding: { glAccountCode: expense.code, dimensions: { no_such_dimension: 'X' } },
      }));
      expect(badDimension.issues[0]!.message).toBe('GL dimension no_such_dimension does not exist');

      const coding = { glAccountCode: expense.code, taxCode: taxCode.code, dimensions: { [dimension.code as string]: value.code } };
      const supplier = await createSupplier(trx, [entity.id], { defaultCoding: coding });
      expect(supplier.defaultCoding).toEqual(coding);
    });
  });

  it('does not let a clerk of one entity change a supplier shared with another entity', async () => {
    await withRollback(t.db, async (trx) => {
      const berlin = await createLegalEntity(trx);
      const munich = await createLegalEntity(trx);
      const supplier = await createSupplier(trx, [berlin.id, munich.id]);
      const error = await appErrorOf(updateRecord(trx, SYSTEM_CONTEXT, supplierResource, {
        id: supplier.id,
        patch: { bankAccount: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', accountName: 'Someone Else' } },
        scope: { all: false, entityIds: [berlin.id] },
      }));
      expect(error.code).toBe('forbidden');
    });
  });

  it('filters by country and name, and re-checks a changed bank account on update', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const supplier = await createSupplier(trx, [entity.id], { name: 'Nordic Paper AB', country: 'SE', taxId: null });
      await createSupplier(trx, [entity.id], { name: 'Cloudhost GmbH' });
      const page = await listRecords(trx, supplierResource, { query: { limit: 10, entityId: entity.id, country: 'SE', q: 'paper' }, scope: ALL_ENTITIES });
      expect(page.data.map((s) => s.id)).toEqual([supplier.id]);

      const error = await appErrorOf(updateRecord(trx, SYSTEM_CONTEXT, supplierResource, {
        id: supplier.id,
        patch: { bankAccount: { iban: 'SE45 5000 0000 0583 9825 7466', bic: 'COBADEFFXXX', accountName: 'Nordic Paper AB' } },
        scope: ALL_ENTITIES,
      }));
      expect(error.issues).toEqual([expect.objectContaining({ path: '/bankAccount/bic', message: expect.stringContaining('IBAN is from SE') })]);
    });
  });
});
