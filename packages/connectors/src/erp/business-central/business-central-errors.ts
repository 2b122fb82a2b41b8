import { ErpCallError } from '@invoiceops/core';
import { classifyHttpFailure, snippet, type ErpResponse } from '../http/erp-http.ts';

/** How the connector names the ERP in messages. */
export const BUSINESS_CENTRAL = 'Business Central';

/** The vendor's code and message from `{"error":{"code","message"}}`, when the body has them. */
export interface BusinessCentralErrorBody {
  readonly code?: string;
  readonly message?: string;
}

/**
 * Reads Business Central's error body. Its messages end with a support trailer
 * ("  CorrelationId:  …") that means nothing to a finance user, so it is cut off.
 */
export function readBusinessCentralError(response: ErpResponse): BusinessCentralErrorBody {
  const error = (response.json as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'string' && code !== '' ? { code } : {}),
    ...(typeof message === 'string' && message.trim() !== '' ? { message: cleanMessage(message) } : {}),
  };
}

function cleanMessage(message: string): string {
  return message.replace(/\s*CorrelationId:[\s\S]*$/i, '').trim().slice(0, 500);
}

/** Messages that say an id we sent (customer, item, account, tax code) is unknown to the ERP: a mapping problem. */
const MASTER_DATA = /cannot be found in the related table|does not exist/i;

/**
 * The {@link ErpCallError} for an answer that is not the expected success. The kind comes
 * from {@link classifyHttpFailure} (status decides); a refusal is reworded for the finance
 * user: "Business Central refused invoice INV-1: <what it said>".
 */
export function businessCentralFailure(response: ErpResponse, options: { action: string; subject: string }): ErpCallError {
  const { code, message } = readBusinessCentralError(response);
  const classified = classifyHttpFailure(response, {
    system: BUSINESS_CENTRAL,
    action: options.action,
    ...(code ? { errorCode: code } : {}),
    ...(message ? { message } : {}),
    exceptionCategory: message && MASTER_DATA.test(message) ? 'master_data' : 'posting_failure',
  });
  if (classified.kind !== 'refused') return classified;
  return new ErpCallError(`${BUSINESS_CENTRAL} refused ${options.subject}: ${message ?? `HTTP ${response.status} while ${options.action}`}`, 'refused', classified.details);
}

/**
 * A success status whose body lacks what it must carry (an id, a status): we cannot tell
 * what happened, so the next attempt looks the document up before writing.
 */
export function businessCentralMalformed(response: ErpResponse, options: { action: string; expected: string }): ErpCallError {
  return new ErpCallError(`${BUSINESS_CENTRAL} answered without ${options.expected} (HTTP ${response.status}) while ${options.action}`, 'malformed', {
    httpStatus: response.status,
    errorCode: 'unexpected_answer',
    responseSnippet: snippet(response),
    outcomeUnknown: true,
  });
}

/** A refusal we decide ourselves before or between calls (a body the template rendered wrongly, a changed draft). */
export function businessCentralRefusal(subject: string, reason: string, errorCode: string): ErpCallError {
  return new ErpCallError(`${BUSINESS_CENTRAL} cannot take ${subject}: ${reason}`, 'refused', { errorCode, exceptionCategory: 'posting_failure', httpStatus: null });
}
