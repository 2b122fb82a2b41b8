import type { SimResponse } from '../simulator-server.ts';

const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toXml(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name} />`;
  if (Array.isArray(value)) return `<${name}>${value.map((item) => toXml(name.replace(/s$/, ''), item)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([key, inner]) => toXml(key, inner)).join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

/**
 * Xero answers XML unless the request says `Accept: application/json`; a client that
 * forgets the header gets this (a rough rendering of the JSON answer as `<Response>`).
 */
export function asXeroXml(response: SimResponse): SimResponse {
  if (response.body === undefined || typeof response.body === 'string') return response;
  return { ...response, headers: { ...(response.headers ?? {}), 'content-type': 'text/xml; charset=utf-8' }, body: toXml(response.status >= 400 ? 'ApiException' : 'Response', response.body) };
}
