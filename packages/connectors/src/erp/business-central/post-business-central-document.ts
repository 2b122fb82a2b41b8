import type { ErpPostContext, ErpPostingDocument, ErpPostResult } from '@invoiceops/core';
import type { BusinessCentralApi, BusinessCentralCall } from './business-central-api.ts';
import { readBusinessCentralBody, type BusinessCentralBody } from './business-central-body.ts';
import { businessCentralFailure, businessCentralRefusal } from './business-central-errors.ts';
import { countBusinessCentralLines, findBusinessCentralDocuments, POSTED_STATUSES, readBusinessCentralDocument, type BusinessCentralDocumentState } from './business-central-lookup.ts';
import { businessCentralRoute } from './business-central-routes.ts';
import { addBusinessCentralLines, createBusinessCentralHeader, sendBusinessCentralPost } from './business-central-writes.ts';

export interface PostBusinessCentralDocumentInput {
  readonly api: BusinessCentralApi;
  readonly document: ErpPostingDocument;
  /** The rendered template: `{header, lines}`. */
  readonly body: unknown;
  readonly context: ErpPostContext;
}

/**
 * Posts a sales invoice or credit memo exactly once. Business Central has no idempotency
 * key and does not keep external document numbers unique, and a posting is several writes
 * (header, each line, the `Microsoft.NAV.post` action), any of which may be lost. So every
 * attempt looks the document up by its external document number first:
 * - posted already (Open, Paid, Canceled, Corrective) → `already_posted`;
 * - a Draft an earlier attempt left behind → the missing lines are added (never deleted
 *   and recreated) and it is posted → `already_posted`;
 * - nothing → header, lines, post → `posted`.
 */
export async function postBusinessCentralDocument(input: PostBusinessCentralDocumentInput): Promise<ErpPostResult> {
  const route = businessCentralRoute(input.document.documentType);
  const call: BusinessCentralCall = { api: input.api, route, subject: `${route.noun} ${input.document.documentNumber}`, signal: input.context.signal };
  const body = readBusinessCentralBody(input.body, call.subject);
  const key = body.header.externalDocumentNumber;

  const existing = pickDocument(await findBusinessCentralDocuments(call, key));
  if (existing) return finishExisting(call, existing, body);

  const created = await createBusinessCentralHeader(call, body.header);
  if (created.kind === 'exists') {
    // Another attempt created it between our lookup and our create.
    const found = pickDocument(await findBusinessCentralDocuments(call, key));
    if (!found) throw businessCentralFailure(created.response, { action: `creating ${call.subject}`, subject: call.subject });
    return finishExisting(call, found, body);
  }
  await addBusinessCentralLines(call, created.id, body.lines, 0);
  const posted = await postDraft(call, created.id);
  return { outcome: posted.alreadyPosted ? 'already_posted' : 'posted', erpDocumentId: created.id, httpStatus: posted.httpStatus };
}

/** A posted document wins over drafts (a draft beside it would be someone's copy, not ours to post). */
function pickDocument(documents: readonly BusinessCentralDocumentState[]): BusinessCentralDocumentState | undefined {
  return documents.find((d) => POSTED_STATUSES.has(d.status)) ?? documents.find((d) => d.status === 'Draft') ?? documents[0];
}

async function finishExisting(call: BusinessCentralCall, document: BusinessCentralDocumentState, body: BusinessCentralBody): Promise<ErpPostResult> {
  if (POSTED_STATUSES.has(document.status)) return { outcome: 'already_posted', erpDocumentId: document.id, httpStatus: 200 };
  if (document.status !== 'Draft') {
    const why = document.status === 'In Review' ? 'it is waiting for approval in Business Central (status In Review); it posts once approved there' : `it exists in Business Central with status "${document.status}", which cannot be posted`;
    throw businessCentralRefusal(call.subject, why, 'document_not_draft');
  }
  const present = await countBusinessCentralLines(call, document.id);
  if (present > body.lines.length) {
    throw businessCentralRefusal(call.subject, `its draft in Business Central has ${present} lines where the document has ${body.lines.length}; someone changed the draft, check it there`, 'draft_lines_mismatch');
  }
  await addBusinessCentralLines(call, document.id, body.lines, present);
  const posted = await postDraft(call, document.id);
  return { outcome: 'already_posted', erpDocumentId: document.id, httpStatus: posted.httpStatus };
}

/**
 * Sends the post action. A refusal is checked against the document's status: when it is
 * posted after all (a concurrent attempt or a user posted it), that is success.
 */
async function postDraft(call: BusinessCentralCall, id: string): Promise<{ alreadyPosted: boolean; httpStatus: number }> {
  const response = await sendBusinessCentralPost(call, id);
  if (response.status === 204 || response.status === 200) return { alreadyPosted: false, httpStatus: response.status };
  const failure = businessCentralFailure(response, { action: `posting ${call.subject}`, subject: call.subject });
  if (failure.kind !== 'refused') throw failure;
  const state = await readBusinessCentralDocument(call, id);
  if (POSTED_STATUSES.has(state.status)) return { alreadyPosted: true, httpStatus: response.status };
  throw failure;
}
