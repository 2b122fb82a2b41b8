import { describe, expect, it } from 'vitest';
import { TAX_TABLE_VERSION } from '@invoiceops/connectors';
import {
  CUSTOMERS,
  SELLERS,
  billMonthExpectingInvoice,
  createCustomer,
  createScenarioFixture,
  createTestContract,
  flatLine,
  glOf,
  seatLine,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Scenarios 11 and 12: tax decisions stored on the invoice lines (intra-EU reverse charge,
// US exempt customer with a certificate) and per-line tax rounding.

const REVERSE_CHARGE_NOTE = 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)';

describe.each(testDatabaseKinds())('tax on bill-run invoices on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('applies the intra-EU reverse charge: DE seller to a French business with a valid VAT id → AE, no VAT, legal note', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx); // German GmbH → Acme Analytics SAS, FR40303265045
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
      const invoice = await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
      expect(invoice.lines[0]!.tax).toEqual({
        code: 'DE-RC',
        category: 'AE',
        rate: '0',
        amount: '0.00',
        rule: 'eu.reverse_charge.b2b',
        tableVersion: TAX_TABLE_VERSION,
        exemptionReason: 'Reverse charge',
      });
      expect(invoice.taxNotes).toEqual([REVERSE_CHARGE_NOTE]);
      expect(invoice.taxSummary).toEqual([{ category: 'AE', rate: '0', taxableAmount: '300.00', taxAmount: '0.00' }]);
      expect([invoice.subtotal, invoice.taxTotal, invoice.total]).toEqual(['300.00', '0.00', '300.00']);
      // Both VAT ids are printed: the seller's and the buyer's (required for reverse charge).
      expect([invoice.seller.taxId, invoice.buyer.taxId]).toEqual(['DE136695976', 'FR40303265045']);
      // No tax payable is posted.
      expect((await glOf(trx, invoice.id)).byAccount['2200']).toBeUndefined();
    });
  });

  it('exempts a US customer with a certificate (category E, certificate named) and taxes one without (New York, 4 %)', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, {
        entity: SELLERS.unitedStates,
        customer: { ...CUSTOMERS.newYork, taxExempt: true, exemptionCertificateRef: 'NY-ST-119.1-004217' },
      });
      const taxable = await createCustomer(trx, f.entity.id, CUSTOMERS.newYork);
      for (const customerId of [f.customer.id, taxable.id]) {
        await createTestContract(trx, f, { customerId, startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '100.00', '10')] });
      }

      const exempt = await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
      expect(exempt.lines[0]!.tax).toEqual({
        code: 'US-NY-EXEMPT',
        category: 'E',
        rate: '0',
        amount: '0.00',
        rule: 'buyer.exempt_with_certificate',
        tableVersion: TAX_TABLE_VERSION,
        exemptionReason: 'Tax-exempt customer, exemption certificate NY-ST-119.1-004217',
      });
      expect([exempt.subtotal, exempt.taxTotal, exempt.total]).toEqual(['1000.00', '0.00', '1000.00']);
      expect(exempt.taxSummary).toEqual([{ category: 'E', rate: '0', taxableAmount: '1000.00', taxAmount: '0.00' }]);

      const taxed = await billMonthExpectingInvoice(trx, '2026-01', taxable.id);
      // New York state rate on SaaS: 4 % × 1,000.00 = 40.00
      expect(taxed.lines[0]!.tax).toMatchObject({ code: 'US-NY-SAAS', category: 'S', rate: '4', amount: '40.00', rule: 'us.saas_taxable' });
      expect([taxed.subtotal, taxed.taxTotal, taxed.total]).toEqual(['1000.00', '40.00', '1040.00']);
    });
  });

  // Regression: on PostgreSQL an empty jsonb array used to be written as the array literal
  // '{}' (serializeJson took [] for a text[] value), and every bill run of such a seller
  // failed on /seller/registrations.
  it('bills the customers of a seller entity that has no tax registrations on file', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { entity: { ...SELLERS.unitedStates, taxRegistrations: [] }, customer: CUSTOMERS.newYork });
      const stored = await trx.selectFrom('legalEntities').select('taxRegistrations').where('id', '=', f.entity.id).executeTakeFirstOrThrow();
      expect(stored.taxRegistrations).toEqual([]);
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '100.00', '10')] });
      const invoice = await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
      expect([invoice.subtotal, invoice.taxTotal, invoice.total]).toEqual(['1000.00', '40.00', '1040.00']);
    });
  });

  it('rounds tax per line: two lines of 10.50 at 19 % carry 2.00 + 2.00 = 4.00, not round(21.00 × 19 %) = 3.99', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [flatLine(f, '10.50', 'support', 'Support'), flatLine(f, '10.50', 'backup', 'Backup')] });
      const invoice = await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
      // 10.50 × 19 % = 1.995 → 2.00 on each line (half up).
      expect(invoice.lines.map((l) => [l.amount, l.tax.category, l.tax.rate, l.tax.amount, l.tax.rule])).toEqual([
        ['10.50', 'S', '19', '2.00', 'eu.domestic.standard'],
        ['10.50', 'S', '19', '2.00', 'eu.domestic.standard'],
      ]);
      // The invoice tax total is the sum of the rounded line taxes, and so is the breakdown row.
      expect([invoice.subtotal, invoice.taxTotal, invoice.total]).toEqual(['21.00', '4.00', '25.00']);
      expect(invoice.taxSummary).toEqual([{ category: 'S', rate: '19', taxableAmount: '21.00', taxAmount: '4.00' }]);
      // The GL posts the same 4.00 of VAT and balances.
      const gl = await glOf(trx, invoice.id);
      expect(gl.byAccount['2200']).toEqual({ debit: 0n, credit: 400n });
      expect(gl.byAccount['1100']).toEqual({ debit: 2500n, credit: 0n });
      expect(gl.debit).toBe(gl.credit);
    });
  });
});
