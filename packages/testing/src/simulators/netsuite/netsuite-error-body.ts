import type { SimResponse } from '../simulator-server.ts';

const TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1'],
  401: ['Unauthorized', 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2'],
  404: ['Not Found', 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5'],
  405: ['Method Not Allowed', 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.6'],
  429: ['Too Many Requests', 'https://www.rfc-editor.org/rfc/rfc6585#section-4'],
  500: ['Internal Server Error', 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1'],
};

/**
 * NetSuite's REST error answer (documented for 400):
 * `{"type","title","status","o:errorDetails":[{"detail","o:errorCode","o:errorPath"?}]}`.
 * 400 details carry NetSuite's "Error while accessing resource:" prefix.
 */
export function netsuiteError(status: number, code: string, detail: string, extra: { path?: string; headers?: Record<string, string> } = {}): SimResponse {
  const [title, type] = TITLES[status] ?? ['Error', 'about:blank'];
  const text = status === 400 ? `Error while accessing resource: ${detail}` : detail;
  const errorDetail: Record<string, string> = { detail: text, 'o:errorCode': code };
  if (extra.path) errorDetail['o:errorPath'] = extra.path;
  return {
    status,
    headers: { 'content-type': 'application/vnd.oracle.resource+json; type=error; charset=UTF-8', ...(extra.headers ?? {}) },
    body: { type, title, status, 'o:errorDetails': [errorDetail] },
  };
}

/** 401 on a record call without a valid bearer token. */
export const invalidLogin = (): SimResponse =>
  netsuiteError(401, 'INVALID_LOGIN', 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.');

/** The field error NetSuite gives for an id that does not exist, e.g. item 9999 on line 0. */
export const invalidFieldValue = (value: unknown, field: string, path: string): SimResponse =>
  netsuiteError(400, 'INVALID_CONTENT', `You have entered an Invalid Field Value ${String(value)} for the following field: ${field}`, { path });
