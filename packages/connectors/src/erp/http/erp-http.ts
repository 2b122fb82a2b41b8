import { ErpCallError } from '@invoiceops/core';

/** What came back from an ERP, read defensively. */
export interface ErpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text, cut at `maxBodyBytes` (a huge payload never fills memory). */
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
  readonly truncated: boolean;
}

export interface ErpRequestOptions {
  /** The ERP's name for messages ("NetSuite"). */
  readonly system: string;
  /** What we were doing, for messages ("creating invoice INV-1"). */
  readonly action: string;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/**
 * One HTTP call to an ERP. Never throws anything but {@link ErpCallError}:
 * - no answer (timeout, reset, refused connection) → `transient`, with `outcomeUnknown`
 *   when the request was a write (it may have been applied);
 * - an answer is returned whatever its status, for the connector to classify (see
 *   {@link classifyHttpFailure} for the common part).
 */
export async function erpFetch(url: string, init: RequestInit, options: ErpRequestOptions): Promise<ErpResponse> {
  const method = (init.method ?? 'GET').toUpperCase();
  const write = method !== 'GET' && method !== 'HEAD';
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal });
  } catch (error) {
    throw noAnswer(error, options, write, timeout.aborted);
  }
  try {
    const { text, truncated } = await readCapped(response, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    return { status: response.status, headers: response.headers, text, json: parseJson(text, response.headers), truncated };
  } catch (error) {
    throw noAnswer(error, options, write, timeout.aborted);
  }
}

function noAnswer(error: unknown, options: ErpRequestOptions, write: boolean, timedOut: boolean): ErpCallError {
  const cause = timedOut ? `no answer within ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s` : `the connection failed (${describeNetworkError(error)})`;
  return new ErpCallError(`${options.system} did not answer while ${options.action}: ${cause}`, 'transient', {
    httpStatus: null,
    errorCode: timedOut ? 'timeout' : 'connection_failed',
    outcomeUnknown: write,
  });
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

function parseJson(text: string, headers: Headers): unknown {
  const type = headers.get('content-type') ?? '';
  if (text.length === 0 || !(type.includes('json') || /^\s*[[{]/.test(text))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The first characters of a body for the event log, secrets never included (bodies do not carry them). */
export function snippet(response: ErpResponse, max = 2_000): string {
  return response.text.slice(0, max) + (response.truncated || response.text.length > max ? ' …(cut)' : '');
}

/**
 * The part of classifying a failed answer every ERP shares. The connector first extracts
 * the vendor's code and message from its error body; this decides the kind:
 * 401/403 → auth; 408, 429, 5xx → transient (with Retry-After); other 4xx → refused;
 * an unexpected status (1xx, 3xx, a 2xx without the expected body) → malformed.
 */
export function classifyHttpFailure(
  response: ErpResponse,
  options: { system: string; action: string; errorCode?: string; message?: string; exceptionCategory?: 'posting_failure' | 'master_data' | 'tax' },
): ErpCallError {
  const { status } = response;
  const said = options.message ? `: ${options.message}` : '';
  const base = { httpStatus: status, errorCode: options.errorCode ?? `http_${status}`, responseSnippet: snippet(response) };
  if (status === 401 || status === 403) {
    return new ErpCallError(`${options.system} refused our credentials while ${options.action}${said}; an administrator must fix the connection`, 'auth', base);
  }
  if (status === 429) {
    return new ErpCallError(`${options.system} is limiting our requests (too many requests) while ${options.action}`, 'transient', { ...base, retryAfterMs: retryAfterMs(response.headers) });
  }
  if (status === 408 || status >= 500) {
    return new ErpCallError(`${options.system} had a problem (HTTP ${status}) while ${options.action}${said}`, 'transient', {
      ...base,
      retryAfterMs: retryAfterMs(response.headers),
      // A gateway error after the request was sent may hide a write that happened.
      outcomeUnknown: status === 502 || status === 504 || status === 408,
    });
  }
  if (status >= 400) {
    return new ErpCallError(`${options.system} refused it while ${options.action}${said}`, 'refused', { ...base, exceptionCategory: options.exceptionCategory ?? 'posting_failure' });
  }
  return new ErpCallError(`${options.system} answered something unexpected (HTTP ${status}) while ${options.action}`, 'malformed', { ...base, outcomeUnknown: true });
}
