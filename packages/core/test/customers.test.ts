import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  customerResource,
  listAuditForObject,
  listRecords,
  updateRecord,
  type AppError,
} from '@invoiceops/core';
import {
  createCustomer,
  createLegalEntity,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

describe.each(testDatabaseKinds())('customers on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('creates a customer with a normalized VAT id and an audit row', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id, { taxId: 'fr 40 303 265 045' });
      expect(customer.taxId).toBe('FR40303265045');
      expect(customer.taxIdType).toBe('eu_vat');
      const history = await listAuditForObject(trx, 'customer', customer.id);
      expect(history.map((h) => h.action)).toEqual(['customer.created']);
      expect(history[0]!.actor).toBe('system');
    });
  });

  it('refuses an invalid VAT checksum and writes nothing', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const error = (await createCustomer(trx, entity.id, { taxId: 'FR40303265046', number: 'BADVAT' }).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('validation_failed');
      expect(error.issues[0]!.path).toBe('/taxId');
      const page = await listRecords(trx, customerResource, { query: { limit: 10, entityId: entity.id }, scope: ALL_ENTITIES });
      expect(page.data).toHaveLength(0);
    });
  });

  it('updates only what changed, bumps the version and audits the diff', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id);
      const updated = await updateRecord(trx, SYSTEM_CONTEXT, customerResource, {
        id: customer.id,
        patch: { paymentTermsDays: 45 },
        scope: ALL_ENTITIES,
      });
      expect(updated.version).toBe(2);
      const history = await listAuditForObject(trx, 'customer', customer.id);
      expect(history[1]!.diff).toEqual({ before: { paymentTermsDays: 30 }, after: { paymentTermsDays: 45 } });
    });
  });

  it('rejects a duplicate customer number in the same entity with a conflict on /number', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      await createCustomer(trx, entity.id, { number: 'DUP-1' });
      const error = (await createCustomer(trx, entity.id, { number: 'DUP-1' }).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('conflict');
      expect(error.issues[0]!.path).toBe('/number');
    }).catch((e: unknown) => {
      // a failed statement aborts the transaction on PostgreSQL; the conflict is what matters
      expect((e as AppError).code).toBe('conflict');
    });
  });

  it('pages through customers with a cursor in creation order', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const created = [];
      for (let i = 0; i < 5; i += 1) created.push(await createCustomer(trx, entity.id));
      const first = await listRecords(trx, customerResource, { query: { limit: 3, entityId: entity.id }, scope: ALL_ENTITIES });
      const second = await listRecords(trx, customerResource, {
        query: { limit: 3, entityId: entity.id, cursor: first.nextCursor! },
        scope: ALL_ENTITIES,
      });
      expect([...first.data, ...second.data].map((c) => c.id)).toEqual(created.map((c) => c.id));
      expect(second.nextCursor).toBeNull();
    });
  });
});
