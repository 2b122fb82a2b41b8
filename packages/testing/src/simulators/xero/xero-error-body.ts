import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../simulator-server.ts';

/**
 * The problem shape Xero's gateway uses for auth, tenant and limit answers:
 * `{"Type":null,"Title":"Unauthorized","Status":401,"Detail":"AuthenticationUnsuccessful","Instance":"…","Extensions":{}}`.
 */
export function xeroProblem(status: number, title: string, detail: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers, body: { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} } };
}

/** Xero's API exception: `{"ErrorNumber","Type","Message"}`, with `Elements` for a validation exception. */
export function xeroApiException(errorNumber: number, type: string, message: string, elements?: unknown[]): SimResponse {
  return { status: 400, body: { ErrorNumber: errorNumber, Type: type, Message: message, ...(elements ? { Elements: elements } : {}) } };
}

/**
 * The documented validation error: 400 `ValidationException` "A validation exception
 * occurred", each element echoed with its `ValidationErrors: [{"Message"}]`.
 */
export const xeroValidationException = (elements: unknown[]): SimResponse => xeroApiException(10, 'ValidationException', 'A validation exception occurred', elements);

/** 401 for a missing, unknown or expired bearer token. */
export const xeroUnauthorized = (): SimResponse => xeroProblem(401, 'Unauthorized', 'AuthenticationUnsuccessful', { 'www-authenticate': 'Bearer error="invalid_token"' });
