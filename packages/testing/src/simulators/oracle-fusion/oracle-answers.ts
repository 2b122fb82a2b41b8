import type { SimResponse } from '../simulator-server.ts';

/** Oracle's usual 400: the message as plain text. */
export function plainTextError(status: number, text: string): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=UTF-8' }, body: text };
}

/**
 * An ADF framework error (JBO-…): as JSON with `o:errorDetails` when the client asked for
 * REST framework version 4 or later, as plain text otherwise. Which versions answer in JSON
 * is not verified; the simulator sends both so the connector must read both.
 */
export function frameworkError(frameworkVersion: number, jboNumber: string, text: string): SimResponse {
  const detail = `JBO-${jboNumber}: ${text}`;
  if (frameworkVersion < 4) return plainTextError(400, detail);
  return {
    status: 400,
    headers: { 'content-type': 'application/vnd.oracle.adf.error+json' },
    body: { type: 'http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1', title: 'Bad Request', status: '400', 'o:errorDetails': [{ detail, 'o:errorCode': jboNumber }] },
  };
}

/** The front end's HTML page (5xx, and 429 from the load balancer). */
export function frontEndPage(status: number, title: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'text/html', ...headers }, body: `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>` };
}
