import { ErpCallError, type ErpPostContext, type ErpPostingDocument, type ErpPostResult } from '@invoiceops/core';
import type { ErpConnectionConfig } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch, retryAfterMs, snippet, type ErpResponse } from '../http/erp-http.ts';
import { buildJournalEntryRequest, SAP_SFIN_NAMESPACE } from './build-journal-entry-request.ts';
import { findJournalEntry, journalEntryId } from './find-journal-entry.ts';
import { readJournalEntryBody } from './journal-entry-body.ts';
import { nameBasedUuid } from './name-based-uuid.ts';
import { isRefusal, readJournalEntryAnswer, type JournalEntryAnswer } from './read-journal-entry-answer.ts';
import { documentLabel, SAP_PATHS, SAP_SYSTEM, sapAuthorization, sapUrl } from './sap-connection.ts';

const SOAP_ACTION = `${SAP_SFIN_NAMESPACE}/JournalEntryCreateRequestConfirmation_In/JournalEntryCreateRequestConfirmation_InRequest`;
// SAP keeps 16 characters of the reference; the end of our number is the part that differs.
const REFERENCE_LENGTH = 16;

/** What the connector needs besides the connection: a clock for the message timestamp (tests pin it). */
export interface PostJournalEntryOptions {
  readonly now?: () => Date;
}

/**
 * Posts a customer invoice or credit memo as an SAP journal entry, exactly once: it always
 * looks the entry up by company code and reference first (SAP's SOAP service has no
 * duplicate protection: a repeat would create a second entry), then sends the SOAP request
 * and reads the confirmation, where HTTP 200 may still be a refusal.
 */
export async function postJournalEntry(
  config: ErpConnectionConfig,
  document: ErpPostingDocument,
  body: unknown,
  context: ErpPostContext,
  options: PostJournalEntryOptions = {},
): Promise<ErpPostResult> {
  const label = documentLabel(document.documentType, document.documentNumber);
  const read = readJournalEntryBody(body);
  if (!read.ok) {
    throw new ErpCallError(`The SAP template did not produce a valid journal entry for ${label}: ${read.problem}`, 'refused', { errorCode: 'template_invalid', exceptionCategory: 'posting_failure' });
  }
  const companyCode = config.settings.companyCode || read.entry.header.companyCode || document.company;
  const documentReferenceId = read.entry.header.documentReferenceId.slice(-REFERENCE_LENGTH);
  const entry = { ...read.entry, header: { ...read.entry.header, documentReferenceId } };

  const found = await findJournalEntry(config, { companyCode, documentReferenceId, label, signal: context.signal });
  if (found) return { outcome: 'already_posted', erpDocumentId: journalEntryId(found.key), httpStatus: found.httpStatus };

  const action = `posting ${label}`;
  const xml = buildJournalEntryRequest(entry, companyCode, { id: nameBasedUuid(document.externalId), creationDateTime: (options.now?.() ?? new Date()).toISOString() });
  const response = await erpFetch(
    sapUrl(config, SAP_PATHS.journalEntrySoap),
    {
      method: 'POST',
      headers: { Authorization: sapAuthorization(config), 'Content-Type': 'text/xml; charset=utf-8', Accept: 'text/xml', SOAPAction: `"${SOAP_ACTION}"` },
      body: xml,
    },
    { system: SAP_SYSTEM, action, timeoutMs: config.timeoutMs, signal: context.signal },
  );
  const answer = readJournalEntryAnswer(response.text);
  if (response.status === 401 || response.status === 403) throw classifyHttpFailure(response, { system: SAP_SYSTEM, action });
  if (answer.kind === 'fault') throw soapFault(response, answer, label, action);
  if (response.status !== 200 || answer.kind === 'unreadable') throw classifyHttpFailure(response, { system: SAP_SYSTEM, action });
  if (isRefusal(answer)) throw businessRefusal(response, answer, label);
  const key = { companyCode: answer.companyCode || companyCode, accountingDocument: answer.accountingDocument, fiscalYear: answer.fiscalYear || entry.header.postingDate.slice(0, 4) };
  return { outcome: 'posted', erpDocumentId: journalEntryId(key), httpStatus: response.status };
}

// A client fault is our request SAP could not accept (trying again fails the same way);
// anything else (server fault) is SAP's own trouble.
function soapFault(response: ErpResponse, fault: Extract<JournalEntryAnswer, { kind: 'fault' }>, label: string, action: string): ErpCallError {
  const words = fault.faultString || 'no reason given';
  const base = { httpStatus: response.status, errorCode: fault.faultCode || 'soap_fault', responseSnippet: snippet(response) };
  if (/client|sender/i.test(fault.faultCode)) {
    return new ErpCallError(`SAP could not accept ${label}: ${words}`, 'refused', { ...base, exceptionCategory: 'posting_failure' });
  }
  return new ErpCallError(`SAP had a problem while ${action}: ${words}`, 'transient', { ...base, retryAfterMs: retryAfterMs(response.headers) });
}

// SAP adds a generic "Error in document: BKPFF …" to the specific messages; it says nothing.
const GENERIC_NOTE = /^Error in document\b/i;
const MASTER_DATA_NOTE = /does not exist|is not defined|not maintained|is blocked/i;

function businessRefusal(response: ErpResponse, answer: Extract<JournalEntryAnswer, { kind: 'confirmation' }>, label: string): ErpCallError {
  const errors = answer.log.filter((item) => item.severity >= 3 && item.note !== '');
  const specific = errors.filter((item) => !GENERIC_NOTE.test(item.note));
  const chosen = specific.length > 0 ? specific : errors;
  const words = chosen.length > 0 ? [...new Set(chosen.map((item) => item.note))].join('; ') : 'SAP posted no document and gave no reason';
  return new ErpCallError(`SAP refused ${label}: ${words}`, 'refused', {
    httpStatus: response.status,
    errorCode: chosen[0]?.typeId || 'not_posted',
    exceptionCategory: chosen.some((item) => MASTER_DATA_NOTE.test(item.note)) ? 'master_data' : 'posting_failure',
    responseSnippet: snippet(response),
  });
}
