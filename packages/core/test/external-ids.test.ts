import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, externalIdResource, listRecords, resolveExternalId } from '@invoiceops/core';
import {
  appErrorOf,
  createCustomer,
  createExternalId,
  createLegalEntity,
  testDatabaseKinds,
  updateThrough,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

describe.each(testDatabaseKinds())('external ids on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('maps a CRM account to a customer and resolves it back', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id);
      await createExternalId(trx, 'customer', customer.id, { system: 'crm', externalId: '0015g00000AbCdE' });
      await createExternalId(trx, 'customer', customer.id, { system: 'erp:netsuite', externalId: '4711' });
      expect(await resolveExternalId(trx, 'crm', 'customer', '0015g00000AbCdE')).toBe(customer.id);
      expect(await resolveExternalId(trx, 'crm', 'customer', '0015g00000abcde')).toBeUndefined();
      expect(await resolveExternalId(trx, 'erp:netsuite', 'customer', '4711')).toBe(customer.id);
      expect(await resolveExternalId(trx, 'crm', 'supplier', '0015g00000AbCdE')).toBeUndefined();
      const page = await listRecords(trx, externalIdResource, { query: { limit: 10, objectId: customer.id, system: 'erp:netsuite' }, scope: ALL_ENTITIES });
      expect(page.data.map((m) => m.externalId)).toEqual(['4711']);
    });
  });

  it('refuses a mapping to an object that does not exist, but accepts documents not modelled yet', async () => {
    await withRollback(t.db, async (trx) => {
      const error = await appErrorOf(createExternalId(trx, 'customer', 'cus_01J00000000000000000000000'));
      expect(error.issues).toEqual([expect.objectContaining({ path: '/objectId', message: 'customer cus_01J00000000000000000000000 does not exist' })]);
      const invoice = await createExternalId(trx, 'invoice', 'inv_01J00000000000000000000000', { system: 'billing' });
      expect(invoice.objectType).toBe('invoice');
    });
  });

  it('accepts system names like erp:netsuite and refuses capitals or spaces', () => {
    const parse = (system: string) => externalIdResource.createSchema.safeParse({ system, objectType: 'customer', externalId: 'x', objectId: 'cus_1' }).success;
    expect(parse('erp:netsuite')).toBe(true);
    expect(parse('billing')).toBe(true);
    expect(parse('CRM')).toBe(false);
    expect(parse('erp:net suite')).toBe(false);
    expect(externalIdResource.createSchema.safeParse({ system: 'crm', objectType: 'customer', externalId: ' 42', objectId: 'cus_1' }).success).toBe(false);
  });

  it('answers a second object for the same external id with a conflict on /externalId', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const first = await createCustomer(trx, entity.id);
      const second = await createCustomer(trx, entity.id);
      await createExternalId(trx, 'customer', first.id, { externalId: 'ACC-1' });
      const error = await appErrorOf(createExternalId(trx, 'customer', second.id, { externalId: 'ACC-1' }));
      expect(error.code).toBe('conflict');
      expect(error.issues[0]!.path).toBe('/externalId');
    });
  });

  it('answers a second external id for the same object and system with a conflict on /objectId', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id);
      await createExternalId(trx, 'customer', customer.id, { externalId: 'ACC-1' });
      const error = await appErrorOf(createExternalId(trx, 'customer', customer.id, { externalId: 'ACC-2' }));
      expect(error.code).toBe('conflict');
      expect(error.issues[0]!.path).toBe('/objectId');
    });
  });

  it('re-points a mapping to another existing object', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const merged = await createCustomer(trx, entity.id);
      const survivor = await createCustomer(trx, entity.id);
      const mapping = await createExternalId(trx, 'customer', merged.id, { externalId: 'ACC-9' });
      const moved = await updateThrough(trx, externalIdResource, mapping.id, { objectId: survivor.id });
      expect(moved).toMatchObject({ objectId: survivor.id, version: 2 });
      expect(await resolveExternalId(trx, 'crm', 'customer', 'ACC-9')).toBe(survivor.id);
      const gone = await appErrorOf(updateThrough(trx, externalIdResource, mapping.id, { objectId: 'cus_01J00000000000000000000000' }));
      expect(gone.issues[0]!.path).toBe('/objectId');
    });
  });
});
