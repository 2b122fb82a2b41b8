import type { ErpResponse } from '../http/erp-http.ts';
import type { BusinessCentralCall } from './business-central-api.ts';
import { businessCentralFailure, businessCentralMalformed, readBusinessCentralError } from './business-central-errors.ts';
import { isGuid } from './business-central-routes.ts';


/** The answer to creating a header: the new draft's id, or word that the key already exists. */
export type CreatedHeader = { readonly kind: 'created'; readonly id: string; readonly httpStatus: number } | { readonly kind: 'exists'; readonly response: ErpResponse };

/**
 * `POST salesInvoices` (or `salesCreditMemos`): 201 with the draft's GUID. A 400
 * `Internal_EntityWithSameKeyExists` is handed back for the caller to look the document up.
 */
export async function createBusinessCentralHeader(call: BusinessCentralCall, header: unknown): Promise<CreatedHeader> {
  const action = `creating ${call.subject}`;
  const response = await call.api.call({ method: 'POST', path: call.route.collection, body: header, action, signal: call.signal });
  if (readBusinessCentralError(response).code === 'Internal_EntityWithSameKeyExists') return { kind: 'exists', response };
  if (response.status < 200 || response.status > 299) throw businessCentralFailure(response, { action, subject: call.subject });
  const id = (response.json as { id?: unknown } | undefined)?.id;
  if (!isGuid(id)) throw businessCentralMalformed(response, { action, expected: 'the id of the new document' });
  return { kind: 'created', id, httpStatus: response.status };
}

/** Adds lines `from`…end to the draft, in order (lines before `from` exist already). */
export async function addBusinessCentralLines(call: BusinessCentralCall, id: string, lines: readonly unknown[], from: number): Promise<void> {
  for (let index = from; index < lines.length; index += 1) {
    const action = `adding line ${index + 1} of ${lines.length} to ${call.subject}`;
    const response = await call.api.call({ method: 'POST', path: `${call.route.collection}(${id})/${call.route.lines}`, body: lines[index], action, signal: call.signal });
    if (response.status < 200 || response.status > 299) throw businessCentralFailure(response, { action, subject: call.subject });
    if (!isGuid((response.json as { id?: unknown } | undefined)?.id)) throw businessCentralMalformed(response, { action, expected: 'the id of the new line' });
  }
}

/**
 * The bound action `Microsoft.NAV.post`: 204 without a body. Returns the answer so the
 * caller can tell a refusal from success (a refusal may mean someone else posted it).
 */
export async function sendBusinessCentralPost(call: BusinessCentralCall, id: string): Promise<ErpResponse> {
  return call.api.call({ method: 'POST', path: `${call.route.collection}(${id})/Microsoft.NAV.post`, action: `posting ${call.subject}`, signal: call.signal });
}
