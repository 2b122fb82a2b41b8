import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaxEngine } from '@invoiceops/connectors';
import {
  ALL_ENTITIES,
  DEMO_BILLING_PERIOD,
  SYSTEM_CONTEXT,
  createBillRun,
  createCreditMemo,
  executeBillRun,
  listInvoices,
  listInvoicesQuery,
  seedDemoData,
  type DatabaseHandle,
  type Invoice,
} from '@invoiceops/core';
import { openTestDatabase, testDatabaseKinds } from '@invoiceops/testing';

describe.each(testDatabaseKinds())('the invoice list on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemoData(handle.db, { customers: 40 });
    const run = await createBillRun(handle.db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
    await executeBillRun(handle.db, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
  });
  afterAll(() => handle?.close());

  const list = (query: Record<string, unknown>) => listInvoices(handle.db, listInvoicesQuery.parse(query), ALL_ENTITIES);

  /** Every page of a query, following the cursors. */
  async function allPages(query: Record<string, unknown>): Promise<Invoice[]> {
    const seen: Invoice[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await list({ ...query, limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it('lists newest first across invoices and credit memos, and the pages cover every document once', async () => {
    const issued = await handle.db.selectFrom('invoices').select(['id']).where('status', '=', 'finalized').orderBy('id').executeTakeFirstOrThrow();
    const line = await handle.db.selectFrom('invoiceLines').select('id').where('invoiceId', '=', issued.id).executeTakeFirstOrThrow();
    const memo = await createCreditMemo(handle.db, SYSTEM_CONTEXT, { invoiceId: issued.id, reasonCode: 'goodwill', reason: 'late delivery', lines: [{ invoiceLineId: line.id }] }, ALL_ENTITIES);

    const first = await list({ limit: 5 });
    expect(first.data[0]!.id).toBe(memo.id);
    const everything = await allPages({});
    const total = await handle.db.selectFrom('invoices').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(everything).toHaveLength(Number(total.n));
    expect(new Set(everything.map((d) => d.id)).size).toBe(everything.length);
    const times = everything.map((d) => Date.parse(d.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages a filtered list the same way', async () => {
    const finalized = await allPages({ status: 'finalized', kind: 'invoice' });
    const expected = await handle.db.selectFrom('invoices').select('id').where('status', '=', 'finalized').where('kind', '=', 'invoice').execute();
    expect(finalized.map((d) => d.id).sort()).toEqual(expected.map((d) => d.id).sort());
    expect(finalized.every((d) => d.status === 'finalized' && d.kind === 'invoice')).toBe(true);
  });

  it('finds a document by the start of its number, or by part of the customer name, in any case', async () => {
    const sample = await handle.db
      .selectFrom('invoices as i')
      .innerJoin('customers as c', 'c.id', 'i.customerId')
      .select(['i.id', 'i.number', 'i.customerId', 'c.name'])
      .where('i.number', 'is not', null)
      .orderBy('i.id')
      .executeTakeFirstOrThrow();
    const byNumber = await list({ q: sample.number!.toLowerCase() });
    expect(byNumber.data.map((d) => d.id)).toEqual([sample.id]);
    const prefix = sample.number!.slice(0, sample.number!.lastIndexOf('-') + 1);
    const byPrefix = await allPages({ q: prefix });
    expect(byPrefix.length).toBeGreaterThan(1);
    expect(byPrefix.every((d) => d.number!.startsWith(prefix))).toBe(true);

    const word = sample.name.split(' ')[0]!.slice(1).toUpperCase();
    const byName = await allPages({ q: word });
    const customers = await handle.db.selectFrom('customers').select('id').where('name', 'ilike', `%${word}%`).execute();
    expect(byName.some((d) => d.id === sample.id)).toBe(true);
    expect(byName.every((d) => customers.some((c) => c.id === d.customerId))).toBe(true);

    // LIKE's wildcards are plain characters in a search.
    expect((await list({ q: '%' })).data).toEqual([]);
    expect((await list({ q: '_' })).data).toEqual([]);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(list({ cursor: Buffer.from('{"after":"inv_x"}').toString('base64url') })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
