import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  createUser,
  glAccountResource,
  glDimensionResource,
  glDimensionValueResource,
  listAuditForObject,
  listRecords,
  productResource,
} from '@invoiceops/core';
import {
  appErrorOf,
  createGlAccount,
  createGlDimension,
  createGlDimensionValue,
  createProduct,
  testDatabaseKinds,
  unique,
  updateThrough,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

describe.each(testDatabaseKinds())('chart of accounts and products on %s', (kind) => {
  const t = useTestDatabase(kind);

  describe('GL accounts', () => {
    it('lists accounts by type and keeps code and type fixed after creation', async () => {
      await withRollback(t.db, async (trx) => {
        const revenue = await createGlAccount(trx, { type: 'revenue', name: 'Subscription revenue' });
        const expense = await createGlAccount(trx, { type: 'expense' });
        const page = await listRecords(trx, glAccountResource, { query: { limit: 500, type: 'revenue' }, scope: ALL_ENTITIES });
        const ids = page.data.map((a) => a.id);
        expect(ids).toContain(revenue.id);
        expect(ids).not.toContain(expense.id);

        const reclassify = glAccountResource.updateSchema.safeParse({ type: 'revenue' });
        expect(reclassify.success).toBe(false);
        const recode = glAccountResource.updateSchema.safeParse({ code: '9999' });
        expect(recode.success).toBe(false);

        const renamed = await updateThrough(trx, glAccountResource, expense.id, { name: 'Cloud hosting' });
        expect(renamed).toMatchObject({ name: 'Cloud hosting', type: 'expense', version: 2 });
      });
    });

    it('answers a duplicate account code with a conflict on /code', async () => {
      const code = unique('4');
      await withRollback(t.db, async (trx) => {
        await createGlAccount(trx, { code });
        const error = await appErrorOf(createGlAccount(trx, { code, name: 'Other' }));
        expect(error.code).toBe('conflict');
        expect(error.issues[0]!.path).toBe('/code');
      });
    });
  });

  describe('products', () => {
    it('posts a product to a revenue account and refuses any other kind of account', async () => {
      await withRollback(t.db, async (trx) => {
        const revenue = await createGlAccount(trx, { type: 'revenue' });
        const expense = await createGlAccount(trx, { type: 'expense' });
        const product = await createProduct(trx, revenue.code as string, { unit: 'GB', description: 'Storage per GB-month' });
        expect(product).toMatchObject({ revenueAccountCode: revenue.code, unit: 'GB', active: true });

        const wrongType = await appErrorOf(createProduct(trx, expense.code as string));
        expect(wrongType.issues).toEqual([expect.objectContaining({
          path: '/revenueAccountCode',
          message: `GL account ${String(expense.code)} is an expense account, expected a revenue account`,
        })]);
        const unknown = await appErrorOf(createProduct(trx, 'NO-SUCH-ACCOUNT'));
        expect(unknown.issues).toEqual([expect.objectContaining({ path: '/revenueAccountCode', message: 'GL account NO-SUCH-ACCOUNT does not exist' })]);

        const moved = await appErrorOf(updateThrough(trx, productResource, product.id, { revenueAccountCode: expense.code }));
        expect(moved.issues[0]!.path).toBe('/revenueAccountCode');
      });
    });

    it('still lets a product be renamed after its revenue account was deactivated', async () => {
      await withRollback(t.db, async (trx) => {
        const revenue = await createGlAccount(trx, { type: 'revenue' });
        const product = await createProduct(trx, revenue.code as string);
        await updateThrough(trx, glAccountResource, revenue.id, { active: false });
        const renamed = await updateThrough(trx, productResource, product.id, { name: 'Analytics seat (legacy)', active: false });
        expect(renamed).toMatchObject({ name: 'Analytics seat (legacy)', active: false });
        const history = await listAuditForObject(trx, 'product', product.id);
        expect(history.map((h) => h.action)).toEqual(['product.created', 'product.updated']);
      });
    });

    it('answers a duplicate SKU with a conflict on /sku', async () => {
      const sku = unique('SKU-');
      await withRollback(t.db, async (trx) => {
        const revenue = await createGlAccount(trx, { type: 'revenue' });
        await createProduct(trx, revenue.code as string, { sku });
        const error = await appErrorOf(createProduct(trx, revenue.code as string, { sku }));
        expect(error.code).toBe('conflict');
        expect(error.issues[0]!.path).toBe('/sku');
      });
    });
  });

  describe('GL dimensions and values', () => {
    it('configures a new dimension and finds it by the document type that requires it', async () => {
      await withRollback(t.db, async (trx) => {
        const project = await createGlDimension(trx, { code: unique('project_').toLowerCase(), name: 'Project', requiredFor: ['invoice', 'vendor_bill'] });
        const region = await createGlDimension(trx, { requiredFor: [] });
        const page = await listRecords(trx, glDimensionResource, { query: { limit: 500, requiredFor: 'invoice' }, scope: ALL_ENTITIES });
        expect(page.data.map((d) => d.id)).toContain(project.id);
        expect(page.data.map((d) => d.id)).not.toContain(region.id);
        expect(glDimensionResource.createSchema.safeParse({ code: 'Cost Center', name: 'x' }).success).toBe(false);
        expect(glDimensionResource.createSchema.safeParse({ code: 'region', name: 'Region', requiredFor: ['invoice', 'invoice'] }).success).toBe(false);
      });
    });

    it('refuses a value of an unknown dimension and an owner who is not a user', async () => {
      await withRollback(t.db, async (trx) => {
        const missing = await appErrorOf(createGlDimensionValue(trx, 'no_such_dimension'));
        expect(missing.issues).toEqual([expect.objectContaining({ path: '/dimensionCode', message: 'GL dimension no_such_dimension does not exist' })]);

        const dimension = await createGlDimension(trx);
        const noOwner = await appErrorOf(createGlDimensionValue(trx, dimension.code as string, { ownerUserId: 'usr_01J00000000000000000000000' }));
        expect(noOwner.issues).toEqual([expect.objectContaining({ path: '/ownerUserId' })]);

        const owner = await createUser(trx, SYSTEM_CONTEXT, {
          email: `${unique('budget')}@test.invoiceops.dev`.toLowerCase(),
          name: 'Budget Owner',
          kind: 'machine', // no password needed; ownership does not depend on the kind
          grants: [],
          approvalLimits: [],
        });
        const value = await createGlDimensionValue(trx, dimension.code as string, { ownerUserId: owner.id });
        expect(value.ownerUserId).toBe(owner.id);
        const page = await listRecords(trx, glDimensionValueResource, { query: { limit: 10, dimensionCode: dimension.code }, scope: ALL_ENTITIES });
        expect(page.data.map((v) => v.id)).toEqual([value.id]);
      });
    });

    it('allows one value code in two dimensions but not twice in one (conflict on /code)', async () => {
      await withRollback(t.db, async (trx) => {
        const costCenter = await createGlDimension(trx);
        const department = await createGlDimension(trx, { code: unique('department_').toLowerCase(), name: 'Department' });
        await createGlDimensionValue(trx, costCenter.code as string, { code: 'FIN' });
        await createGlDimensionValue(trx, department.code as string, { code: 'FIN' });
        const error = await appErrorOf(createGlDimensionValue(trx, costCenter.code as string, { code: 'FIN' }));
        expect(error.code).toBe('conflict');
        expect(error.issues[0]!.path).toBe('/code');
      });
    });
  });
});
