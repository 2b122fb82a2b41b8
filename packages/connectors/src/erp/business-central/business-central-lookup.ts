import type { BusinessCentralCall } from './business-central-api.ts';
import { businessCentralFailure, businessCentralMalformed } from './business-central-errors.ts';
import { externalDocumentNumberFilter, isGuid } from './business-central-routes.ts';

/** A sales document as far as exactly-once cares: its id and where it stands. */
export interface BusinessCentralDocumentState {
  readonly id: string;
  /** "Draft", "In Review", "Open", "Paid", "Canceled", "Corrective" (or " " for an empty one). */
  readonly status: string;
}

/** Statuses of a document that has been posted (cancelled and corrective ones were posted first). */
export const POSTED_STATUSES: ReadonlySet<string> = new Set(['Open', 'Paid', 'Canceled', 'Corrective']);


/**
 * The documents carrying this external document number. Business Central does not keep it
 * unique, so there may be several; the value is upper-cased because the field is a Code
 * field, which Business Central stores in upper case.
 */
export async function findBusinessCentralDocuments(call: BusinessCentralCall, externalDocumentNumber: string): Promise<BusinessCentralDocumentState[]> {
  const action = `looking up ${call.subject}`;
  const response = await call.api.call({ method: 'GET', path: `${call.route.collection}?${externalDocumentNumberFilter(externalDocumentNumber.toUpperCase())}`, action, signal: call.signal });
  if (response.status !== 200) throw businessCentralFailure(response, { action, subject: call.subject });
  const value = (response.json as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw businessCentralMalformed(response, { action, expected: 'the list of documents' });
  return value.map((entry: unknown) => {
    const state = readState(entry);
    if (!state) throw businessCentralMalformed(response, { action, expected: 'the id and status of each document' });
    return state;
  });
}

/** The status of one document, read before deciding to post it. */
export async function readBusinessCentralDocument(call: BusinessCentralCall, id: string): Promise<BusinessCentralDocumentState> {
  const action = `reading the status of ${call.subject}`;
  const response = await call.api.call({ method: 'GET', path: `${call.route.collection}(${id})`, action, signal: call.signal });
  if (response.status !== 200) throw businessCentralFailure(response, { action, subject: call.subject });
  const state = readState(response.json);
  if (!state) throw businessCentralMalformed(response, { action, expected: 'the id and status of the document' });
  return state;
}

/** How many lines a draft already has (an earlier attempt may have stopped halfway). */
export async function countBusinessCentralLines(call: BusinessCentralCall, id: string): Promise<number> {
  const action = `reading the lines of ${call.subject}`;
  const response = await call.api.call({ method: 'GET', path: `${call.route.collection}(${id})/${call.route.lines}`, action, signal: call.signal });
  if (response.status !== 200) throw businessCentralFailure(response, { action, subject: call.subject });
  const value = (response.json as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw businessCentralMalformed(response, { action, expected: 'the list of lines' });
  return value.length;
}

function readState(entry: unknown): BusinessCentralDocumentState | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { id, status } = entry as { id?: unknown; status?: unknown };
  return isGuid(id) && typeof status === 'string' ? { id, status } : undefined;
}
