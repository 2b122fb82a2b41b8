import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, type Invoice } from '@invoiceops/core';
import { renderInvoicePdf, type InvoicePdfOptions } from './invoice-pdf.ts';
import { readPdfText, type PdfText } from './read-pdf-text.ts';
import { testInvoice, testLine } from './test-invoice.ts';

const REVERSE_CHARGE = 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)';

async function render(invoice: Invoice, options?: InvoicePdfOptions): Promise<PdfText> {
  return readPdfText(await renderInvoicePdf(invoice, options));
}

/** A DE → FR reverse-charge invoice with a standard-rated line and a seven-digit total. */
function reverseChargeInvoice(): Invoice {
  return testInvoice({
    buyer: {
      name: 'Société Générale des Logiciels SA',
      address: { line1: '12 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
      taxId: 'FR40303265045',
      taxIdType: 'eu_vat',
    },
    lines: [
      testLine(1, { description: 'Enterprise platform, annual', quantity: '1', unitPrice: '1234467.89', amount: '1234467.89', tax: { ...testLine(1).tax, category: 'AE', rate: '0', amount: '0.00', exemptionReason: 'Reverse charge' } }),
      testLine(2, { description: 'Onboarding workshop', quantity: '2', unitPrice: '50', amount: '100.00', servicePeriod: { start: '2026-10-15', end: '2026-10-16' }, tax: { ...testLine(2).tax, category: 'AE', rate: '0', amount: '0.00', exemptionReason: 'Reverse charge' } }),
    ],
    taxSummary: [{ category: 'AE', rate: '0', taxableAmount: '1234567.89', taxAmount: '0.00' }],
    taxNotes: [REVERSE_CHARGE],
    subtotal: '1234567.89',
    taxTotal: '0.00',
    total: '1234567.89',
    amountDue: '1234567.89',
  });
}

describe('renderInvoicePdf: what the customer reads', () => {
  it('shows number, both tax ids, PO number, dates, every line and the totals exactly', async () => {
    const { text, pages } = await render(reverseChargeInvoice(), { paymentInstructions: 'IBAN DE89 3704 0044 0532 0130 00\nBIC COBADEFFXXX' });

    expect(pages).toHaveLength(1);
    expect(text).toMatch(/^Invoice\b/);
    expect(text).toContain('INV-2026-000123');
    expect(text).toContain('VAT ID: DE136695976');
    expect(text).toContain('VAT ID: FR40303265045');
    expect(text).toContain('PO number: PO-4711');
    expect(text).toMatch(/Issue date\s+2026-11-01/);
    expect(text).toMatch(/Due date\s+2026-12-01/);
    expect(text).toMatch(/Billing period\s+2026-10/);
    expect(text).toContain('Enterprise platform, annual');
    expect(text).toContain('Onboarding workshop');
    expect(text).toMatch(/Subtotal \(net\)\s+EUR 1,234,567\.89/);
    expect(text).toMatch(/Total\s+EUR 1,234,567\.89/);
    expect(text).toMatch(/Amount due\s+EUR 1,234,567\.89/);
    expect(text).toContain('1,234,467.89'); // the line's net amount and unit price, grouped
    expect(text).toMatch(/AE – Reverse charge\s+0%\s+1,234,567\.89\s+0\.00\s+Reverse charge/);
    expect(text).toContain(REVERSE_CHARGE);
    expect(text).toContain('Payment terms: 30 days net.');
    expect(text).toContain('Please pay EUR 1,234,567.89 by 2026-12-01, quoting the reference INV-2026-000123.');
    expect(text).toContain('IBAN DE89 3704 0044 0532 0130 00');
    expect(text).not.toContain('DRAFT');
  });

  it('prints service periods with their inclusive last day, on the lines when they differ', async () => {
    const { text } = await render(reverseChargeInvoice());
    expect(text).toContain('Service period: 2026-10-01 – 2026-10-31'); // stored end 2026-11-01 is exclusive
    expect(text).toContain('Service period: 2026-10-15'); // a one-day period prints one date
    expect(text).not.toContain('2026-11-01 –');
  });

  it('prints JPY without decimals', async () => {
    const { text } = await render(
      testInvoice({
        currency: 'JPY',
        lines: [testLine(1, { unitPrice: '1500', quantity: '823', amount: '1234500', tax: { ...testLine(1).tax, rate: '10', amount: '123450' } })],
        taxSummary: [{ category: 'S', rate: '10', taxableAmount: '1234500', taxAmount: '123450' }],
        subtotal: '1234500', taxTotal: '123450', total: '1357950', amountDue: '1357950', amountPaid: '0', amountCredited: '0',
      }),
    );
    expect(text).toMatch(/Total\s+JPY 1,357,950\n/);
    expect(text).toContain('1,500'); // unit price
    expect(text).toContain('Net amount (JPY)');
    expect(text).not.toMatch(/1,357,950\.\d/);
    expect(text).not.toMatch(/1,234,500\.\d/);
  });

  it('prints KWD with three decimals, padding amounts stored with fewer', async () => {
    const { text } = await render(
      testInvoice({
        currency: 'KWD',
        lines: [testLine(1, { unitPrice: '1234.5', amount: '1234.5', tax: { ...testLine(1).tax, category: 'O', rate: '0', amount: '0' } })],
        taxSummary: [{ category: 'O', rate: '0', taxableAmount: '1234.500', taxAmount: '0.000' }],
        subtotal: '1234.500', taxTotal: '0.000', total: '1234.500', amountDue: '1234.5', amountPaid: '0.000', amountCredited: '0',
      }),
    );
    expect(text).toMatch(/Total\s+KWD 1,234\.500/);
    expect(text).toMatch(/Amount due\s+KWD 1,234\.500/);
    expect(text).toContain('O – Not subject to tax');
  });

  it('keeps every digit of amounts beyond float precision', async () => {
    const { text } = await render(testInvoice({ subtotal: '12345678901234567.89', total: '12345678901234567.89', amountDue: '12345678901234567.89' }));
    expect(text).toContain('EUR 12,345,678,901,234,567.89');
  });

  it('marks a draft without a number as DRAFT and asks not to pay it', async () => {
    const { text } = await render(testInvoice({ status: 'draft', number: null, finalizedAt: null }));
    expect(text).toContain('DRAFT');
    expect(text).toContain('not yet assigned (draft)');
    expect(text).toContain('Do not pay this draft');
    expect(text).not.toContain('Please pay');
  });

  it('marks a voided invoice as VOID with its reason', async () => {
    const { text } = await render(testInvoice({ status: 'void', voidedAt: '2026-11-02T09:00:00.000Z', voidReason: 'issued to the wrong entity' }));
    expect(text).toContain('VOID – this invoice was cancelled: issued to the wrong entity.');
    expect(text).toContain('nothing is due');

    const voidedDraft = await render(testInvoice({ status: 'void', number: null, finalizedAt: null, voidReason: 'duplicate' }));
    expect(voidedDraft.text).toContain('VOID – this invoice was cancelled: duplicate.');
    expect(voidedDraft.text).not.toContain('DRAFT');
  });

  it('shows amount paid and credited, and the remaining amount due', async () => {
    const { text } = await render(testInvoice({ amountPaid: '50.00', amountCredited: '19.00', amountDue: '50.00', paymentStatus: 'partially_paid' }));
    expect(text).toMatch(/Amount paid\s+EUR 50\.00/);
    expect(text).toMatch(/Amount credited\s+EUR 19\.00/);
    expect(text).toMatch(/Amount due\s+EUR 50\.00/);
  });

  it('titles a credit memo "Credit note" and names the credited invoice and the reason', async () => {
    const creditNote = testInvoice({
      kind: 'credit_memo',
      number: 'CN-2026-000007',
      creditedInvoiceId: 'inv_0123456789',
      reasonCode: 'service_outage',
      reason: 'Outage on 12 October, 10 % credit',
      dueDate: null,
      amountDue: '0.00',
      paymentStatus: 'not_applicable',
    });
    const { text } = await render(creditNote, { creditedInvoiceNumber: 'INV-2026-000042', paymentInstructions: 'IBAN DE89 3704 0044 0532 0130 00' });
    expect(text).toMatch(/^Credit note\b/);
    expect(text).toMatch(/Credit note number\s+CN-2026-000007/);
    expect(text).toMatch(/Credited invoice\s+INV-2026-000042/);
    expect(text).toMatch(/Reason\s+Outage on 12 October, 10 % credit/);
    expect(text).toMatch(/Total credit\s+EUR 119\.00/);
    expect(text).not.toContain('Amount due');
    expect(text).not.toContain('IBAN');

    const withoutNumber = await render(creditNote);
    expect(withoutNumber.text).toMatch(/Credited invoice\s+inv_0123456789/);
  });

  it('formats numbers and dates for a locale, still without float conversion', async () => {
    const { text } = await render(reverseChargeInvoice(), { locale: 'de-DE' });
    expect(text).toContain('1.234.567,89 EUR');
    expect(text).toMatch(/Issue date\s+01\.11\.2026/);
    expect(text).toMatch(/Billing period\s+Oktober 2026/);
    expect(text).toContain('Frankreich');

    // fr-FR groups with U+202F, which the standard fonts lack: it must not become "?".
    const french = await render(reverseChargeInvoice(), { locale: 'fr-FR' });
    expect(french.text).toContain('1 234 567,89');
    expect(french.text).not.toContain('?');
  });

  it('renders names outside WinAnsi without crashing: transliterated or "?"', async () => {
    const invoice = testInvoice({
      buyer: {
        name: 'Zürich Łódź 東京 Trading',
        address: { line1: 'Straße 1', city: 'Łódź', postalCode: '90-001', country: 'PL' },
        taxId: 'PL5260250274',
        taxIdType: 'eu_vat',
      },
      lines: [testLine(1, { description: 'Support – 東京 office, Kraków' })],
    });
    const { text, info } = await render(invoice);
    expect(text).toContain('Zürich Lódz ?? Trading');
    expect(text).toContain('90-001 Lódz');
    expect(text).toContain('Support – ?? office, Kraków');
    // The document information is Unicode, so the title bar and search index keep the real name.
    expect(info.Subject).toBe('Invoice INV-2026-000123 to Zürich Łódź 東京 Trading');
  });
});

describe('renderInvoicePdf: long invoices', () => {
  const lines = Array.from({ length: 120 }, (_, i) =>
    testLine(i + 1, { description: `Seat licence batch ${String(i + 1).padStart(3, '0')}`, servicePeriod: i % 2 ? { start: '2026-10-10', end: '2026-11-01' } : { start: '2026-10-01', end: '2026-11-01' } }),
  );
  const invoice = testInvoice({
    lines,
    taxSummary: [{ category: 'S', rate: '19', taxableAmount: '12000.00', taxAmount: '2280.00' }],
    subtotal: '12000.00', taxTotal: '2280.00', total: '14280.00', amountDue: '14280.00',
  });

  it('breaks 120 lines over pages, repeats the column headers, ends with the totals', async () => {
    const { pages } = await render(invoice);
    expect(pages.length).toBeGreaterThan(2);

    for (const [index, page] of pages.entries()) {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain('INV-2026-000123');
      if (index > 0) expect(page).toContain('Invoice INV-2026-000123 (continued)');
      if (/Seat licence batch/.test(page)) expect(page).toMatch(/#\s+Description\s+Quantity\s+Unit price\s+VAT\s+Net amount \(EUR\)/);
    }
    // Every line exactly once, in order.
    const printed = pages.join('\n').match(/Seat licence batch \d{3}/g) ?? [];
    expect(printed).toEqual(lines.map((l) => l.description));

    const last = pages.at(-1)!;
    expect(last).toMatch(/Total\s+EUR 14,280\.00/);
    expect(last).toMatch(/Amount due\s+EUR 14,280\.00/);
    expect(pages.slice(0, -1).some((page) => page.includes('Amount due'))).toBe(false);
  });
});

describe('renderInvoicePdf: determinism and bad input', () => {
  afterEach(() => vi.useRealTimers());

  it('renders the same invoice to the same bytes, whatever the wall clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = await renderInvoicePdf(testInvoice());
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    const second = await renderInvoicePdf(testInvoice());
    expect(second.equals(first)).toBe(true);
    expect(first.subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
  });

  it('dates the PDF at finalization, or at creation for a draft', async () => {
    expect((await render(testInvoice())).info.CreationDate).toBe('D:20261101060000Z');
    const draft = testInvoice({ status: 'draft', number: null, finalizedAt: null, createdAt: '2026-10-31T23:30:00.000Z' });
    expect((await render(draft)).info.CreationDate).toBe('D:20261031233000Z');
  });

  it('rejects an invalid locale with a validation error naming it', async () => {
    await expect(renderInvoicePdf(testInvoice(), { locale: 'not a locale!' })).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('/locale') });
  });

  it('rejects an amount that is not exact in the invoice currency instead of rounding it', async () => {
    const invoice = testInvoice({ currency: 'JPY', lines: [testLine(1, { amount: '100.50', unitPrice: '100.5' })] });
    const error = await renderInvoicePdf(invoice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('/lines/0/amount');
  });
});
