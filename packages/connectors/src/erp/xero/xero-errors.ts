import { ErpCallError } from '@invoiceops/core';
import { classifyHttpFailure, snippet, type ErpResponse } from '../http/erp-http.ts';

/** What a Xero error body says. */
export interface XeroErrorReason {
  /** `ValidationException`, `PostDataInvalidException`, … or the problem title. */
  readonly code?: string;
  /** The validation messages joined, or the exception's message. */
  readonly message?: string;
  readonly validationMessages: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Reads Xero's error bodies: the API exception
 * `{"ErrorNumber":10,"Type":"ValidationException","Message":"…","Elements":[{"ValidationErrors":[{"Message":"…"}]}]}`,
 * the per-element errors of a 200 (`Invoices[].ValidationErrors`, summarizeErrors=false),
 * and the problem shape of auth and limit answers (`{"Title","Status","Detail"}`).
 */
export function readXeroError(json: unknown): XeroErrorReason {
  if (!isObject(json)) return { validationMessages: [] };
  const elements = [json.Elements, json.Invoices, json.CreditNotes].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  const messages = elements.flatMap((element) => (isObject(element) && Array.isArray(element.ValidationErrors) ? (element.ValidationErrors as unknown[]) : []));
  const validationMessages = [...new Set(messages.map((m) => (isObject(m) ? text(m.Message) : undefined)).filter((m): m is string => m !== undefined))];
  const code = text(json.Type) ?? text(json.Title);
  const message = validationMessages.length > 0 ? validationMessages.join('; ') : (text(json.Message) ?? text(json.Detail) ?? text(json.Title));
  return { code, message, validationMessages };
}

/** Xero's answer to a second ACCREC invoice (or credit note) with the same number. */
export function isDuplicateNumber(reason: XeroErrorReason): boolean {
  return reason.validationMessages.some((m) => /must be unique/i.test(m));
}

/** A validation refusal (400, or a 200 whose element carries ValidationErrors) in a finance user's words. */
export function xeroRefusal(response: ErpResponse, subject: string, reason: XeroErrorReason): ErpCallError {
  return new ErpCallError(`Xero refused ${subject}: ${reason.message ?? `HTTP ${response.status} without a readable reason`}`, 'refused', {
    httpStatus: response.status,
    errorCode: reason.code ?? `http_${response.status}`,
    exceptionCategory: categoryOf(reason.validationMessages),
    responseSnippet: snippet(response),
  });
}

/**
 * The {@link ErpCallError} for a failed Xero answer: the kind from `classifyHttpFailure`,
 * Xero's exception type as the code, and its messages; a 429 says which limit was hit
 * (`X-Rate-Limit-Problem`: minute, day, appminute) and keeps `Retry-After`.
 */
export function xeroFailure(response: ErpResponse, subject: string, action: string): ErpCallError {
  const reason = readXeroError(response.json);
  const failure = classifyHttpFailure(response, { system: 'Xero', action, errorCode: reason.code, message: reason.message, exceptionCategory: categoryOf(reason.validationMessages) });
  if (response.status === 429) {
    const problem = response.headers.get('x-rate-limit-problem');
    const which = problem ? `the ${problem} limit was reached` : 'too many requests';
    return new ErpCallError(`Xero is limiting our requests (${which}) while ${action}`, failure.kind, { ...failure.details, errorCode: problem ? `rate_limit_${problem}` : 'rate_limit' });
  }
  return failure.kind === 'refused' ? xeroRefusal(response, subject, reason) : failure;
}

/** A contact, account, item or tracking option Xero does not know is a mapping problem; a tax type, a tax problem. */
function categoryOf(messages: readonly string[]): 'posting_failure' | 'master_data' | 'tax' {
  if (messages.some((m) => /tax ?type|tax rate/i.test(m))) return 'tax';
  if (messages.some((m) => /contact|account code|item code|tracking/i.test(m))) return 'master_data';
  return 'posting_failure';
}
