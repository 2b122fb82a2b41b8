import { describe, expect, it } from 'vitest';
import type { ErpResponse } from '../http/erp-http.ts';
import { businessCentralFailure, readBusinessCentralError } from './business-central-errors.ts';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): ErpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers: new Headers(headers), text, json, truncated: false };
}

const bc = (code: string, message: string) => ({ error: { code, message: `${message}  CorrelationId:  0b7f1b3c-2d1e-4f5a-9c8b-7a6d5e4f3a2b.` } });
const options = { action: 'creating invoice INV-1', subject: 'invoice INV-1' };

describe('Business Central error answers', () => {
  it.each([
    ['field validation', answer(400, bc('Application_FieldValidationException', 'The field Sell-to Customer No. of table Sales Header contains a value (9999) that cannot be found in the related table (Customer).')), 'refused', 'master_data'],
    ['a dialog', answer(400, bc('Application_DialogException', 'There is nothing to post.')), 'refused', 'posting_failure'],
    ['too many requests', answer(429, bc('Application_TooManyRequests', 'Too many requests reached.'), { 'retry-after': '30' }), 'transient', undefined],
    ['invalid credentials', answer(401, bc('Authentication_InvalidCredentials', 'The server has rejected the client credentials.')), 'auth', undefined],
    ['no permission', answer(403, bc('Authorization_InsufficientPermissions', 'You do not have the following permissions on TableData Sales Header: Insert')), 'auth', undefined],
    ['an internal error', answer(500, bc('Internal_ServerError', 'Something went wrong.')), 'transient', undefined],
    ['an HTML error page', answer(503, '<html><body>Service Unavailable</body></html>'), 'transient', undefined],
  ] as const)('classify %s', (_name, response, kind, category) => {
    const error = businessCentralFailure(response, options);
    expect(error.kind).toBe(kind);
    if (category) expect(error.details.exceptionCategory).toBe(category);
    expect(error.details.httpStatus).toBe(response.status);
  });

  it('word a refusal for the finance user, without the support trailer', () => {
    const error = businessCentralFailure(answer(400, bc('Application_DialogException', 'There is nothing to post.')), options);
    expect(error.message).toBe('Business Central refused invoice INV-1: There is nothing to post.');
    expect(error.details.errorCode).toBe('Application_DialogException');
  });

  it('carry Retry-After on the limit error', () => {
    const error = businessCentralFailure(answer(429, bc('Application_TooManyRequests', 'Too many requests reached.'), { 'retry-after': '30' }), options);
    expect(error.details).toMatchObject({ retryAfterMs: 30_000, errorCode: 'Application_TooManyRequests' });
  });

  it('read only well-formed error bodies', () => {
    expect(readBusinessCentralError(answer(400, { error: 'flat string' }))).toEqual({});
    expect(readBusinessCentralError(answer(400, { error: { code: 42, message: '' } }))).toEqual({});
    expect(readBusinessCentralError(answer(400, 'not json'))).toEqual({});
  });
});
