import type { Invoice, InvoiceLine } from '@invoiceops/core';

/** A line for tests: one month of a 19 % standard-rated subscription unless overridden. */
export function testLine(lineNo: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    id: `inl_${lineNo}`,
    lineNo,
    kind: 'recurring',
    description: `Platform subscription, line ${lineNo}`,
    productId: 'prd_platform',
    contractLineId: 'ctl_1',
    creditedLineId: null,
    servicePeriod: { start: '2026-10-01', end: '2026-11-01' },
    quantity: '1',
    unitPrice: '100.00',
    amount: '100.00',
    tax: {
      code: 'DE-STD',
      category: 'S',
      rate: '19',
      amount: '19.00',
      rule: 'eu.domestic.standard',
      tableVersion: '2026.1',
      exemptionReason: null,
    },
    revenueAccountCode: '4000',
    deferred: false,
    dimensions: {},
    ...overrides,
  };
}

/**
 * A finalized German invoice to a German business for tests: one 100.00 EUR line at 19 %.
 * Overrides replace whole fields; totals are not recomputed, so a test states them.
 */
export function testInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_01',
    kind: 'invoice',
    status: 'finalized',
    lifecycle: 'approved',
    erpDocumentId: null,
    postedAt: null,
    number: 'INV-2026-000123',
    entityId: 'ent_de',
    customerId: 'cus_01',
    contractId: 'con_01',
    billRunId: null,
    creditedInvoiceId: null,
    billingPeriod: '2026-10',
    currency: 'EUR',
    issueDate: '2026-11-01',
    dueDate: '2026-12-01',
    poNumber: 'PO-4711',
    reasonCode: null,
    reason: null,
    seller: {
      name: 'Invoiceops Demo GmbH',
      address: { line1: 'Friedrichstraße 100', city: 'Berlin', postalCode: '10117', country: 'DE' },
      taxId: 'DE136695976',
      taxIdType: 'eu_vat',
      contacts: [{ name: 'Billing', email: 'billing@demo.example', role: 'billing' }],
    },
    buyer: {
      name: 'Acme Industries AG',
      address: { line1: 'Hauptstraße 5', line2: 'Gebäude B', city: 'München', postalCode: '80331', country: 'DE' },
      taxId: 'DE811569869',
      taxIdType: 'eu_vat',
    },
    lines: [testLine(1)],
    taxSummary: [{ category: 'S', rate: '19', taxableAmount: '100.00', taxAmount: '19.00' }],
    taxNotes: [],
    subtotal: '100.00',
    taxTotal: '19.00',
    total: '119.00',
    amountPaid: '0.00',
    amountCredited: '0.00',
    amountDue: '119.00',
    paymentStatus: 'unpaid',
    paymentTermsDays: 30,
    finalizedAt: '2026-11-01T06:00:00.000Z',
    voidedAt: null,
    voidReason: null,
    version: 2,
    createdAt: '2026-11-01T05:59:00.000Z',
    updatedAt: '2026-11-01T06:00:00.000Z',
    ...overrides,
  };
}
