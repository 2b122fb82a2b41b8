import { describe, expect, it } from 'vitest';
import type { ErpResponse } from '../http/erp-http.ts';
import { readOracleError } from './read-oracle-error.ts';

const response = (text: string, json?: unknown): ErpResponse => ({ status: 400, headers: new Headers(), text, json, truncated: false });

describe('readOracleError', () => {
  it('reads plain text, taking a leading message name as the code', () => {
    expect(readOracleError(response("AR_BU_NOT_FOUND: The business unit you entered doesn't exist."))).toEqual({ code: 'AR_BU_NOT_FOUND', message: "The business unit you entered doesn't exist." });
    expect(readOracleError(response('Invalid operation create for the specified resource.\n'))).toEqual({ message: 'Invalid operation create for the specified resource.' });
  });

  it('reads the ADF JSON error with its details', () => {
    const body = { title: 'Bad Request', status: '400', 'o:errorDetails': [{ detail: 'JBO-27014: Attribute TransactionDate in receivablesInvoices is required.', 'o:errorCode': '27014' }] };
    expect(readOracleError(response(JSON.stringify(body), body))).toEqual({ code: '27014', message: 'Attribute TransactionDate in receivablesInvoices is required.' });
    expect(readOracleError(response('{"title":"Bad Request","detail":"Something"}', { title: 'Bad Request', detail: 'Something' }))).toEqual({ message: 'Something' });
  });

  it('keeps the words of an HTML page and nothing of an empty body', () => {
    expect(readOracleError(response('<html><body><h1>Service Unavailable</h1></body></html>'))).toEqual({ message: 'Service Unavailable' });
    expect(readOracleError(response(''))).toEqual({});
  });
});
