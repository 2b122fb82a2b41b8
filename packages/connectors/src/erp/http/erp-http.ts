import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/** One request to an ERP: its method, headers and text body. */
export interface ErpRequestInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
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
 * Kept-alive connections, shared by every call of this process: an ERP posting reuses its
 * TLS session instead of a handshake per call. (node:http rather than fetch: a fetch call
 * cost about 2 ms of CPU in streams and abort plumbing, more than the rest of a posting.)
 */
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 }),
} as const;

/**
 * One HTTP call to an ERP. Never throws anything but {@link ErpCallError}:
 * - no answer (timeout, reset, refused connection, an answer cut off) → `transient`, with
 *   `outcomeUnknown` when the request was a write (it may have been applied);
 * - an answer is returned whatever its status, for the connector to classify (see
 *   {@link classifyHttpFailure} for the common part). Redirects are not followed.
 */
export function erpFetch(url: string, init: ErpRequestInit, options: ErpRequestOptions): Promise<ErpResponse> {
  const method = (init.method ?? 'GET').toUpperCase();
  const write = method !== 'GET' && method !== 'HEAD';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return new Promise<ErpResponse>((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`unsupported protocol ${target.protocol}`);
    } catch (error) {
      reject(noAnswer(error, options, false, false));
      return;
    }
    let timedOut = false;
    let settled = false;
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let outgoing: ReturnType<typeof send>;
    try {
      outgoing = send(target, { method, headers, agent: AGENTS[target.protocol] });
    } catch (error) {
      reject(noAnswer(error, options, false, false)); // a header we could not send: nothing left here
      return;
    }
    const onAbort = () => outgoing.destroy(new Error('the call was cancelled'));
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy(new Error('timeout'));
    }, timeoutMs);
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: unknown) => settle(() => reject(noAnswer(error, options, write, timedOut)));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    outgoing.on('error', fail);
    outgoing.on('response', (response) => {
      readCapped(response, maxBytes, (text, truncated) => settle(() => resolve({ status: response.statusCode ?? 0, headers: headersOf(response), text, json: parseJson(text, response.headers['content-type']), truncated })), fail);
    });
    outgoing.end(init.body);
  });
}

/** The answer's headers as a `Headers` (a header a server sent malformed is left out). */
function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // not a valid header name or value: nothing a connector could use
    }
  }
  return headers;
}

/** Reads the body up to `maxBytes` (the rest is dropped); an answer cut off before its end is a failure. */
function readCapped(response: IncomingMessage, maxBytes: number, done: (text: string, truncated: boolean) => void, fail: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  response.on('data', (chunk: Buffer) => {
    if (truncated) return;
    if (size + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - size));
      truncated = true;
      done(Buffer.concat(chunks).toString('utf8'), true);
      response.destroy();
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  response.on('end', () => done(Buffer.concat(chunks).toString('utf8'), false));
  response.on('error', fail);
  response.on('close', () => {
    if (!response.complete && !truncated) fail(new Error('the answer was cut off'));
  });
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
  const { code, message } = error as { code?: string; message?: string };
  return code ?? message ?? String(error);
}

function parseJson(text: string, contentType: string | undefined): unknown {
  const type = contentType ?? '';
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
