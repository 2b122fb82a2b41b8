import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { legalEntityResource } from '@invoiceops/core';
import {
  apiKeyFor,
  bearer,
  createCustomer,
  createFinalizedInvoice,
  createLegalEntity,
  testDatabaseKinds,
  updateThrough,
  useTestDatabase,
} from '@invoiceops/testing';
// A test helper of the documents package, not part of its public surface.
import { readPdfText } from '../../connectors/src/documents/read-pdf-text.ts';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('invoice PDF API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let clerk: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
  });

  async function pdfText(invoiceId: string): Promise<string> {
    const response = await app.inject({ method: 'GET', url: `/v1/invoices/${invoiceId}/pdf`, headers: bearer(clerk) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return (await readPdfText(response.rawPayload)).text;
  }

  it("prints the entity's current account for the invoice currency, and a changed account at once", async () => {
    const entity = await createLegalEntity(t.db, {
      bankAccounts: [
        { currency: 'USD', bankName: 'Demo Bank of New York', accountName: 'Invoiceops Test Inc.', accountNumber: '000123456789', routingNumber: '026000990' },
        { currency: 'EUR', bankName: 'Demobank Berlin AG', accountName: 'Invoiceops Test GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
      ],
    });
    const customer = await createCustomer(t.db, entity.id);
    const invoice = await createFinalizedInvoice(t.db, { entityId: entity.id, customerId: customer.id, total: '119.00', issueDate: '2026-11-01', dueDate: '2026-12-01' });

    const before = await pdfText(invoice.id);
    expect(before).toContain('Payment details');
    expect(before).toContain('IBAN: DE89 3704 0044 0532 0130 00');
    expect(before).toContain(`Payment reference: ${invoice.number}`);
    expect(before).not.toContain('Routing number');

    await updateThrough(t.db, legalEntityResource, entity.id, {
      bankAccounts: [{ currency: 'EUR', bankName: 'Demobank Berlin AG', accountName: 'Invoiceops Test GmbH', iban: 'DE34100999000012345678' }],
    });
    const after = await pdfText(invoice.id);
    expect(after).toContain('IBAN: DE34 1009 9900 0012 3456 78');
    expect(after).not.toContain('DE89 3704');
  });
});
