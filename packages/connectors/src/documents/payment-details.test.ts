import { describe, expect, it } from 'vitest';
import type { EntityBankAccount, Invoice } from '@invoiceops/core';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { choosePaymentAccount, paymentDetailLines } from './payment-details-view.ts';
import { readPdfText } from './read-pdf-text.ts';
import { testInvoice } from './test-invoice.ts';

const EURO: EntityBankAccount = {
  currency: 'EUR',
  bankName: 'Demobank Berlin AG',
  accountName: 'Invoiceops Demo GmbH',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
};
const DOLLAR: EntityBankAccount = {
  currency: 'USD',
  bankName: 'Demo Bank of New York',
  accountName: 'Invoiceops Demo Inc.',
  accountNumber: '000123456789',
  routingNumber: '026000990',
};
const POUND: EntityBankAccount = {
  currency: 'GBP',
  bankName: 'Demo Bank plc',
  accountName: 'Invoiceops Demo Ltd',
  accountNumber: '55779911',
  sortCode: '200000',
};
const ANY: EntityBankAccount = { bankName: 'Demo Bank Australia Ltd', accountName: 'Invoiceops Demo Pty Ltd', accountNumber: '10293847', bsb: '062999' };

async function pdfText(invoice: Invoice, bankAccounts: readonly EntityBankAccount[]): Promise<string> {
  return (await readPdfText(await renderInvoicePdf(invoice, { bankAccounts }))).text;
}

/** The lines under the "Payment details" heading as a reader copies them; [] without the block. */
function paymentBlock(text: string): string[] {
  const block = /Payment details\s*\n([\s\S]*?Payment reference: \S+)/.exec(text)?.[1];
  return block === undefined ? [] : block.split('\n').map((line) => line.trim());
}

describe('renderInvoicePdf: payment details', () => {
  it('prints bank, holder, the IBAN in groups of four, the BIC and the invoice number as reference', async () => {
    const text = await pdfText(testInvoice(), [EURO, DOLLAR]);
    expect(paymentBlock(text)).toEqual([
      'Bank: Demobank Berlin AG',
      'Account name: Invoiceops Demo GmbH',
      'IBAN: DE89 3704 0044 0532 0130 00',
      'BIC: COBADEFFXXX',
      'Payment reference: INV-2026-000123',
    ]);
    // The block follows the payment terms, under the totals.
    expect(text.indexOf('Payment details')).toBeGreaterThan(text.indexOf('Payment terms: 30 days net.'));
  });

  it('prints the account number and ABA routing number of a US account for a dollar invoice', async () => {
    const text = await pdfText(testInvoice({ currency: 'USD' }), [EURO, DOLLAR]);
    expect(paymentBlock(text)).toEqual([
      'Bank: Demo Bank of New York',
      'Account name: Invoiceops Demo Inc.',
      'Account number: 000123456789',
      'Routing number (ABA): 026000990',
      'Payment reference: INV-2026-000123',
    ]);
    expect(text).not.toContain('IBAN');
  });

  it('prints no payment details on a draft, a void invoice, a credit note, or without accounts', async () => {
    const documents = [
      testInvoice({ status: 'draft', number: null }),
      testInvoice({ status: 'void', voidedAt: '2026-11-02T09:00:00.000Z', voidReason: 'Duplicate' }),
      testInvoice({ kind: 'credit_memo', number: 'CN-2026-000007', dueDate: null, amountDue: '0.00', paymentStatus: 'not_applicable' }),
    ];
    for (const invoice of documents) {
      const text = await pdfText(invoice, [EURO]);
      expect(text, invoice.status).not.toContain('Payment details');
      expect(text, invoice.status).not.toContain('DE89 3704');
    }
    expect(await pdfText(testInvoice(), [])).not.toContain('Payment details');
  });
});

describe('choosePaymentAccount', () => {
  it.each([
    ['USD', [EURO, DOLLAR], DOLLAR],
    ['EUR', [DOLLAR, EURO], EURO],
    ['AUD', [EURO, ANY, DOLLAR], ANY], // no AUD account: the one for any currency
    ['CHF', [DOLLAR, EURO], DOLLAR], // none fits: the first
    ['EUR', [], undefined],
  ])('%s from %j → %j', (currency, accounts, expected) => {
    expect(choosePaymentAccount(accounts, currency)).toBe(expected);
  });
});

describe('paymentDetailLines', () => {
  it('writes UK sort codes and Australian BSBs as people do, and skips blank fields', () => {
    expect(paymentDetailLines({ ...POUND, bic: ' ' }, 'UK01-INV-000001')).toEqual([
      'Bank: Demo Bank plc',
      'Account name: Invoiceops Demo Ltd',
      'Account number: 55779911',
      'Sort code: 20-00-00',
      'Payment reference: UK01-INV-000001',
    ]);
    expect(paymentDetailLines(ANY, 'AU01-INV-000001')).toContain('BSB: 062-999');
  });
});
