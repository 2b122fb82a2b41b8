import { describe, expect, it } from 'vitest';
import type { ErpResponse } from '../http/erp-http.ts';
import { netsuiteFailure, readNetsuiteError } from './netsuite-errors.ts';

const documented = {
  type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
  title: 'Bad Request',
  status: 400,
  'o:errorDetails': [{ detail: 'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item', 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'item.items[0].item' }],
};

function response(status: number, json: unknown, text = JSON.stringify(json) ?? ''): ErpResponse {
  return { status, headers: new Headers(), text, json, truncated: false };
}

describe('readNetsuiteError', () => {
  it.each([
    ['the documented validation body', documented, { code: 'INVALID_CONTENT', path: 'item.items[0].item', message: 'You have entered an Invalid Field Value 9999 for the following field: item (item.items[0].item)' }],
    ['a detail without a path', { 'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }] }, { code: 'INVALID_LOGIN', path: undefined, message: 'Invalid login attempt.' }],
    ['only a title', { title: 'Not Found', status: 404 }, { code: undefined, path: undefined, message: 'Not Found' }],
    ['details that are not objects', { 'o:errorDetails': ['x', 3] }, { code: undefined, path: undefined, message: undefined }],
    ['a JSON string', 'oops', {}],
    ['an array', [documented], {}],
    ['nothing (HTML or invalid JSON)', undefined, {}],
  ])('reads %s', (_name, json, expected) => {
    expect(readNetsuiteError(json)).toEqual(expected);
  });
});

describe('netsuiteFailure', () => {
  it.each([
    [400, documented, 'refused', 'NetSuite refused invoice INV-1: You have entered an Invalid Field Value 9999 for the following field: item (item.items[0].item)'],
    [400, undefined, 'refused', 'NetSuite refused invoice INV-1: HTTP 400 without a readable reason'],
    [400, { 'o:errorDetails': [{ detail: 'Limit', 'o:errorCode': 'SSS_REQUEST_LIMIT_EXCEEDED' }] }, 'transient', 'NetSuite is over its request limit while creating invoice INV-1'],
    [401, { 'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }] }, 'auth', 'NetSuite refused our credentials while creating invoice INV-1: Invalid login attempt.; an administrator must fix the connection'],
    [503, undefined, 'transient', 'NetSuite had a problem (HTTP 503) while creating invoice INV-1'],
    [302, undefined, 'malformed', 'NetSuite answered something unexpected (HTTP 302) while creating invoice INV-1'],
  ])('classifies HTTP %i', (status, json, kind, message) => {
    const error = netsuiteFailure(response(status, json, json === undefined ? '<html>error</html>' : undefined), 'invoice INV-1', 'creating invoice INV-1');
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
  });

  it('files a refused tax code under tax', () => {
    const body = { 'o:errorDetails': [{ detail: 'You have entered an Invalid Field Value 77 for the following field: taxCode', 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'item.items[2].taxCode' }] };
    expect(netsuiteFailure(response(400, body), 'invoice INV-1', 'creating invoice INV-1').details.exceptionCategory).toBe('tax');
  });
});
