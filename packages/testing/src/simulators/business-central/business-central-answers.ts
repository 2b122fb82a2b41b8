import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../simulator-server.ts';

/**
 * Business Central's error answer: `{"error":{"code","message"}}`, the message ending with
 * the support trailer the real service appends ("  CorrelationId:  <guid>.").
 * Code families: BadRequest_*, Authentication_*, Authorization_*, Internal_*, Application_*.
 */
export function bcError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers, body: { error: { code, message: `${message}  CorrelationId:  ${randomUUID()}.` } } };
}

/** 400 Application_FieldValidationException: a value that does not exist in the related table. */
export function unknownValue(field: string, table: string, value: string, relatedTable: string): SimResponse {
  return bcError(400, 'Application_FieldValidationException', `The field ${field} of table ${table} contains a value (${value}) that cannot be found in the related table (${relatedTable}).`);
}

/** 400 Application_DialogException: the application said no (nothing to post, already posted …). */
export function dialog(message: string): SimResponse {
  return bcError(400, 'Application_DialogException', message);
}

/** 404 for a path the API does not have or a key that does not exist. */
export function notFound(message: string, code = 'BadRequest_NotFound'): SimResponse {
  return bcError(404, code, message);
}

/** An OData collection answer (`{"@odata.context", "value": [...]}`). */
export function odataCollection(context: string, value: unknown[]): SimResponse {
  return { status: 200, headers: { 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true' }, body: { '@odata.context': context, value } };
}

/** An OData entity answer (200 for a read, 201 for a create). */
export function odataEntity(status: 200 | 201, entity: Record<string, unknown>): SimResponse {
  return { status, headers: { 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true' }, body: entity };
}

/** A weak ETag of the shape Business Central sends (`W/"JzE5Oz…Jw=="`), changing with every version. */
export function etag(id: string, version: number): string {
  return `W/"${Buffer.from(`'44;${Buffer.from(`${id}:${version}`).toString('base64')};00;'`).toString('base64')}"`;
}
