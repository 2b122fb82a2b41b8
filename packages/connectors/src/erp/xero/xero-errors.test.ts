import { describe, expect, it } from 'vitest';
import type { ErpResponse } from '../http/erp-http.ts';
import { isDuplicateNumber, readXeroError, xeroFailure } from './xero-errors.ts';

function response(status: number, json: unknown, headers: Record<string, string> = {}): ErpResponse {
  const text = json === undefined ? '<html>error</html>' : JSON.stringify(json);
  return { status, headers: new Headers(headers), text, json, truncated: false };
}

const validation = (...messages: string[]) => ({
  ErrorNumber: 10,
  Type: 'ValidationException',
  Message: 'A validation exception occurred',
  Elements: [{ InvoiceNumber: 'INV-1', ValidationErrors: messages.map((Message) => ({ Message })) }],
});

describe('readXeroError', () => {
  it.each([
    ['a validation exception', validation('Invoice # must be unique.', 'Account code \'9\' is not a valid code for this document.'), { code: 'ValidationException', message: "Invoice # must be unique.; Account code '9' is not a valid code for this document.", validationMessages: ['Invoice # must be unique.', "Account code '9' is not a valid code for this document."] }],
    ['a 200 with an element in error', { Invoices: [{ StatusAttributeString: 'ERROR', ValidationErrors: [{ Message: 'Invoice Type must be specified' }] }] }, { code: undefined, message: 'Invoice Type must be specified', validationMessages: ['Invoice Type must be specified'] }],
    ['an exception without elements', { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: 'Invalid Json data' }, { code: 'PostDataInvalidException', message: 'Invalid Json data', validationMessages: [] }],
    ['the gateway problem shape', { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' }, { code: 'Unauthorized', message: 'AuthenticationUnsuccessful', validationMessages: [] }],
    ['validation errors that are not objects', { Elements: [{ ValidationErrors: ['x', null] }] }, { code: undefined, message: undefined, validationMessages: [] }],
    ['nothing readable', undefined, { validationMessages: [] }],
  ])('reads %s', (_name, json, expected) => {
    expect(readXeroError(json)).toEqual(expected);
  });

  it('recognises the duplicate-number refusal', () => {
    expect(isDuplicateNumber(readXeroError(validation('Invoice # must be unique.')))).toBe(true);
    expect(isDuplicateNumber(readXeroError(validation('Invoice Type must be specified')))).toBe(false);
  });
});

describe('xeroFailure', () => {
  it('says which limit a 429 hit and keeps Retry-After', () => {
    const error = xeroFailure(response(429, undefined, { 'retry-after': '38', 'x-rate-limit-problem': 'day' }), 'invoice INV-1', 'creating invoice INV-1');
    expect(error.kind).toBe('transient');
    expect(error.message).toBe('Xero is limiting our requests (the day limit was reached) while creating invoice INV-1');
    expect(error.details).toMatchObject({ retryAfterMs: 38_000, errorCode: 'rate_limit_day' });
  });

  it.each([
    [400, validation('Contact not found'), 'refused', 'Xero refused invoice INV-1: Contact not found'],
    [400, undefined, 'refused', 'Xero refused invoice INV-1: HTTP 400 without a readable reason'],
    [401, { Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' }, 'auth', 'Xero refused our credentials while creating invoice INV-1: AuthenticationUnsuccessful; an administrator must fix the connection'],
    [503, undefined, 'transient', 'Xero had a problem (HTTP 503) while creating invoice INV-1'],
    [301, undefined, 'malformed', 'Xero answered something unexpected (HTTP 301) while creating invoice INV-1'],
  ])('classifies HTTP %i', (status, json, kind, message) => {
    const error = xeroFailure(response(status, json), 'invoice INV-1', 'creating invoice INV-1');
    expect([error.kind, error.message]).toEqual([kind, message]);
  });
});
