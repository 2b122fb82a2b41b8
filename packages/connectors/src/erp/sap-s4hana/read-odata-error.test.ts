import { describe, expect, it } from 'vitest';
import type { ErpResponse } from '../http/erp-http.ts';
import { readODataError } from './read-odata-error.ts';

const response = (text: string, json?: unknown): ErpResponse => ({ status: 400, headers: new Headers(), text, json, truncated: false });

describe('readODataError', () => {
  it('joins the message and further error details of an OData V2 JSON error', () => {
    const body = {
      error: {
        code: 'M8/108',
        message: { lang: 'en', value: 'Check if invoice already entered' },
        innererror: { errordetails: [{ code: 'M8/108', message: 'Check if invoice already entered', severity: 'error' }, { code: 'F5/702', message: 'Balance not zero', severity: 'error' }, { code: 'X', message: 'Just a hint', severity: 'info' }] },
      },
    };
    expect(readODataError(response(JSON.stringify(body), body))).toEqual({ code: 'M8/108', message: 'Check if invoice already entered; Balance not zero' });
  });

  it('reads the XML error SAP Gateway sends without $format=json', () => {
    const xml = '<?xml version="1.0"?><error xmlns="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><code>/IWBEP/CM_MGW_RT/022</code><message xml:lang="en">Invalid filter &amp; more</message></error>';
    expect(readODataError(response(xml))).toEqual({ code: '/IWBEP/CM_MGW_RT/022', message: 'Invalid filter & more' });
  });

  it('keeps the words of plain text and HTML pages', () => {
    expect(readODataError(response('CSRF token validation failed'))).toEqual({ message: 'CSRF token validation failed' });
    expect(readODataError(response('<html><head><style>p{}</style></head><body><h1>Logon failed</h1></body></html>'))).toEqual({ message: 'Logon failed' });
    expect(readODataError(response(''))).toEqual({ message: undefined });
  });
});
