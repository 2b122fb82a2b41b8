import type { SimResponse } from '../simulator-server.ts';
import { invalidFieldValue, netsuiteError } from './netsuite-error-body.ts';

/** Ids the simulated account has, per field; a field without a list accepts any non-empty id except "9999". */
export interface NetsuiteKnownIds {
  readonly entity?: readonly string[];
  readonly subsidiary?: readonly string[];
  readonly item?: readonly string[];
  readonly taxCode?: readonly string[];
  readonly department?: readonly string[];
  readonly class?: readonly string[];
  readonly location?: readonly string[];
}

type Field = keyof NetsuiteKnownIds;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const refId = (value: unknown): unknown => (isObject(value) ? value.id : undefined);

/**
 * Checks a transaction body (invoice, creditMemo) the way NetSuite answers it: the first
 * problem as a 400 — a missing customer or line ("Please enter value(s) for: …"), an id the
 * account does not have ("Invalid Field Value 9999 for the following field: item" with
 * `o:errorPath` `item.items[0].item`), a number that is not a number, a bad date.
 * Undefined when the body would be accepted.
 */
export function validateNetsuiteRecord(body: unknown, known: NetsuiteKnownIds): SimResponse | undefined {
  if (!isObject(body)) return netsuiteError(400, 'INVALID_CONTENT', 'The request body must be a JSON object.');
  const unknownId = (field: Field, value: unknown) => {
    const id = typeof value === 'number' ? String(value) : value;
    if (typeof id !== 'string' || id === '') return true;
    const list = known[field];
    return list ? !list.includes(id) : id === '9999';
  };
  if (body.entity === undefined) return netsuiteError(400, 'USER_ERROR', 'Please enter value(s) for: Customer');
  if (unknownId('entity', refId(body.entity))) return invalidFieldValue(refId(body.entity), 'entity', 'entity');
  if (body.subsidiary !== undefined && unknownId('subsidiary', refId(body.subsidiary))) return invalidFieldValue(refId(body.subsidiary), 'subsidiary', 'subsidiary');
  for (const field of ['tranDate', 'dueDate'] as const) {
    const value = body[field];
    if (value !== undefined && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))) return invalidFieldValue(value, field, field);
  }
  const items = isObject(body.item) && Array.isArray(body.item.items) ? (body.item.items as unknown[]) : [];
  if (items.length === 0) return netsuiteError(400, 'USER_ERROR', 'You must enter at least one line item for this transaction.');
  for (const [index, line] of items.entries()) {
    const problem = validateLine(line, `item.items[${index}]`, unknownId);
    if (problem) return problem;
  }
  return undefined;
}

function validateLine(line: unknown, path: string, unknownId: (field: Field, value: unknown) => boolean): SimResponse | undefined {
  if (!isObject(line)) return netsuiteError(400, 'INVALID_CONTENT', 'Each line item must be a JSON object.', { path });
  if (line.item === undefined) return netsuiteError(400, 'USER_ERROR', 'Please enter value(s) for: Item', { path: `${path}.item` });
  if (unknownId('item', refId(line.item))) return invalidFieldValue(refId(line.item), 'item', `${path}.item`);
  for (const field of ['quantity', 'rate', 'amount'] as const) {
    const value = line[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return invalidFieldValue(JSON.stringify(value), field, `${path}.${field}`);
  }
  for (const field of ['taxCode', 'department', 'class', 'location'] as const) {
    if (line[field] !== undefined && unknownId(field, refId(line[field]))) return invalidFieldValue(refId(line[field]), field, `${path}.${field}`);
  }
  return undefined;
}
