import { describe, expect, it } from 'vitest';
import { ErpCallError } from '@invoiceops/core';
import { readBusinessCentralBody } from './business-central-body.ts';
import { externalDocumentNumberFilter, odataString } from './business-central-routes.ts';

const line = { lineType: 'Item', lineObjectNumber: '1928-S', quantity: 1, unitPrice: 10 };

function refusal(body: unknown): ErpCallError {
  try {
    readBusinessCentralBody(body, 'invoice INV-1');
  } catch (error) {
    if (error instanceof ErpCallError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readBusinessCentralBody', () => {
  it('accepts a header with an external document number and at least one line', () => {
    const body = { header: { customerNumber: '20000', externalDocumentNumber: ' INV-1 ' }, lines: [line] };
    expect(readBusinessCentralBody(body, 'invoice INV-1')).toEqual({ header: { customerNumber: '20000', externalDocumentNumber: 'INV-1' }, lines: [line] });
  });

  it.each([
    ['no header', { lines: [line] }, /header/],
    ['no external document number', { header: { customerNumber: '20000' }, lines: [line] }, /externalDocumentNumber/],
    ['an external document number longer than 35', { header: { externalDocumentNumber: 'invoiceops-invoice-inv_01JBC0000000000000000000AB' }, lines: [line] }, /longer than the 35 characters/],
    ['no lines', { header: { externalDocumentNumber: 'INV-1' }, lines: [] }, /no lines/],
    ['lines that are not objects', { header: { externalDocumentNumber: 'INV-1' }, lines: ['x'] }, /lines\.0/],
    ['nothing at all', undefined, /the body/],
  ])('refuses %s before any call', (_name, body, reason) => {
    const error = refusal(body);
    expect(error.kind).toBe('refused');
    expect(error.details.errorCode).toBe('invalid_template_output');
    expect(error.message).toMatch(/^Business Central cannot take invoice INV-1: the mapping template rendered an unusable request/);
    expect(error.message).toMatch(reason);
  });
});

describe('OData lookups', () => {
  it.each([
    ['INV-1', "'INV-1'"],
    ["O'BRIEN", "'O''BRIEN'"],
    ["''", "''''''"],
  ])('quote %s as %s', (value, literal) => {
    expect(odataString(value)).toBe(literal);
  });

  it('encodes the filter with %20 and escapes what URLs need', () => {
    expect(externalDocumentNumberFilter("A&B'C")).toBe(`$filter=externalDocumentNumber%20eq%20'A%26B''C'`);
  });
});
