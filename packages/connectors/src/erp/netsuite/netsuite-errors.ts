import { ErpCallError } from '@invoiceops/core';
import { classifyHttpFailure, type ErpResponse } from '../http/erp-http.ts';

/** What a NetSuite error body (`o:errorDetails`) says. */
export interface NetsuiteErrorReason {
  readonly code?: string;
  /** The detail without NetSuite's "Error while accessing resource:" prefix, with the field path. */
  readonly message?: string;
  readonly path?: string;
}

/**
 * Reads NetSuite's REST error body:
 * `{"title":"Bad Request","status":400,"o:errorDetails":[{"detail":"…","o:errorCode":"INVALID_CONTENT","o:errorPath":"item.items[0].item"}]}`.
 * Anything else (HTML, plain text, another JSON) gives what could be read, possibly nothing.
 */
export function readNetsuiteError(json: unknown): NetsuiteErrorReason {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return {};
  const body = json as Record<string, unknown>;
  const details = Array.isArray(body['o:errorDetails']) ? (body['o:errorDetails'] as unknown[]) : [];
  const first = (details[0] ?? {}) as Record<string, unknown>;
  const code = stringOrUndefined(first['o:errorCode']);
  const path = stringOrUndefined(first['o:errorPath']);
  const detail = stringOrUndefined(first.detail)?.replace(/^Error while accessing resource:\s*/i, '').trim() ?? stringOrUndefined(body.title);
  const message = detail ? (path ? `${detail} (${path})` : detail) : undefined;
  return { code, message, path };
}

/** Codes that mean "over a limit", whatever status NetSuite put on them (RESTlets answer 400). */
const LIMIT_CODES = new Set(['SSS_REQUEST_LIMIT_EXCEEDED', 'CONCURRENCY_LIMIT_EXCEEDED', 'WS_CONCUR_SESSION_DISALLWD', 'WS_REQUEST_BLOCKED']);

/**
 * The {@link ErpCallError} for a failed NetSuite answer: the kind from
 * `classifyHttpFailure`, NetSuite's code, and a message naming the document and the field,
 * e.g. "NetSuite refused invoice INV-1: You have entered an Invalid Field Value 9999 for the
 * following field: item (item.items[0].item)".
 */
export function netsuiteFailure(response: ErpResponse, subject: string, action: string): ErpCallError {
  const reason = readNetsuiteError(response.json);
  if (reason.code && LIMIT_CODES.has(reason.code) && response.status === 400) {
    return new ErpCallError(`NetSuite is over its request limit while ${action}`, 'transient', { httpStatus: response.status, errorCode: reason.code });
  }
  const failure = classifyHttpFailure(response, { system: 'NetSuite', action, errorCode: reason.code, message: reason.message, exceptionCategory: categoryOf(reason.path) });
  if (failure.kind !== 'refused') return failure;
  const said = reason.message ?? `HTTP ${response.status} without a readable reason`;
  return new ErpCallError(`NetSuite refused ${subject}: ${said}`, 'refused', failure.details);
}

/** A refused customer, item or segment id is a mapping problem; a refused tax code is a tax problem. */
function categoryOf(path: string | undefined): 'posting_failure' | 'master_data' | 'tax' {
  if (!path) return 'posting_failure';
  if (/taxCode|taxDetails/i.test(path)) return 'tax';
  if (/^(entity|subsidiary|currency|item\.items\[\d+\]\.(item|department|class|location))$/.test(path)) return 'master_data';
  return 'posting_failure';
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
