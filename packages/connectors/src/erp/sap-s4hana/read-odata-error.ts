import type { ErpResponse } from '../http/erp-http.ts';
import { childText, decodeXmlEntities, findElement, parseXml } from './xml-tree.ts';

/** The code and the words of an SAP Gateway error, when there are any. */
export interface ODataErrorWords {
  readonly code?: string;
  readonly message?: string;
}

interface ODataV2Error {
  error?: {
    code?: unknown;
    message?: { value?: unknown } | string;
    innererror?: { errordetails?: Array<{ code?: unknown; message?: unknown; severity?: unknown }> };
  };
}

/**
 * Reads an OData V2 error body into words: JSON
 * `{"error":{"code","message":{"lang","value"},"innererror":{"errordetails":[…]}}}`, the XML
 * variant SAP Gateway sends without `$format=json`, or else the start of the text (an HTML
 * page's tags removed). The message joins the main text and every further error detail.
 */
export function readODataError(response: ErpResponse): ODataErrorWords {
  const json = response.json as ODataV2Error | undefined;
  if (json && typeof json === 'object' && json.error && typeof json.error === 'object') {
    const { code, message, innererror } = json.error;
    const main = typeof message === 'string' ? message : typeof message?.value === 'string' ? message.value : undefined;
    const details = (innererror?.errordetails ?? [])
      .filter((detail) => detail.severity === undefined || detail.severity === 'error')
      .map((detail) => (typeof detail.message === 'string' ? detail.message.trim() : ''))
      .filter((text) => text !== '');
    const words = [...new Set([main?.trim() ?? '', ...details].filter((text) => text !== ''))];
    return { code: typeof code === 'string' ? code : undefined, message: words.length > 0 ? words.join('; ') : undefined };
  }
  if (/^\s*</.test(response.text)) {
    const root = parseXml(response.text);
    const error = findElement(root, 'error');
    if (error) return { code: childText(error, 'code') || undefined, message: childText(error, 'message') || undefined };
    return { message: plainWords(decodeXmlEntities(textOf(response.text))) };
  }
  return { message: plainWords(response.text) };
}

function textOf(markup: string): string {
  return markup.replace(/<(script|style)\b[\s\S]*?(?:<\/\1>|$)/gi, ' ').replace(/<[^<>]*>/g, ' ');
}

function plainWords(text: string): string | undefined {
  const words = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return words === '' ? undefined : words;
}
