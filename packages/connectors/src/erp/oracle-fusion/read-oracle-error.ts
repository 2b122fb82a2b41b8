import type { ErpResponse } from '../http/erp-http.ts';

/** The code and the words of an Oracle error, when there are any. */
export interface OracleErrorWords {
  readonly code?: string;
  readonly message?: string;
}

interface AdfError {
  title?: unknown;
  detail?: unknown;
  'o:errorCode'?: unknown;
  'o:errorDetails'?: Array<{ detail?: unknown; 'o:errorCode'?: unknown }>;
}

// A message name at the start: AR_BU_NOT_FOUND, JBO-27014 …
const MESSAGE_NAME = /^\s*([A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{2,4}-\d{4,6})\s*[:\-–]?\s+/;

/**
 * Reads an Oracle Fusion error body into words: plain text (the usual 400, e.g. "Invalid
 * operation create for the specified resource." or `AR_BU_NOT_FOUND: The business unit you
 * entered doesn't exist.`), the ADF JSON error (`o:errorDetails`), or an HTML page. A message
 * name at the start of the text becomes the code.
 */
export function readOracleError(response: ErpResponse): OracleErrorWords {
  const json = response.json as AdfError | undefined;
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const details = (Array.isArray(json['o:errorDetails']) ? json['o:errorDetails'] : []).filter((detail) => typeof detail?.detail === 'string');
    const texts = details.length > 0 ? details.map((detail) => String(detail.detail)) : [typeof json.detail === 'string' ? json.detail : json.title].filter((text): text is string => typeof text === 'string');
    const code = details.map((detail) => detail['o:errorCode']).find((value) => value !== undefined) ?? json['o:errorCode'];
    const words = fromText([...new Set(texts.map((text) => text.trim()).filter((text) => text !== ''))].join('; '));
    return { code: code !== undefined ? String(code) : words.code, message: words.message };
  }
  const text = /^\s*</.test(response.text) ? response.text.replace(/<(script|style)\b[\s\S]*?(?:<\/\1>|$)/gi, ' ').replace(/<[^<>]*>/g, ' ') : response.text;
  return fromText(text);
}

function fromText(text: string): OracleErrorWords {
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, 500);
  if (clean === '') return {};
  const name = MESSAGE_NAME.exec(clean);
  if (!name?.[1]) return { message: clean };
  const rest = clean.slice(name[0].length).trim();
  return { code: name[1], message: rest === '' ? clean : rest };
}
