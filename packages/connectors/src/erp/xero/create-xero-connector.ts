import { ErpCallError, type ErpConnector, type ErpPostContext, type ErpPostingDocument, type ErpPostResult } from '@invoiceops/core';
import { erpFetch, snippet, type ErpResponse } from '../http/erp-http.ts';
import { createAccessTokenCache, sendWithBearer } from '../http/access-token-cache.ts';
import { findXeroDocument, xeroId } from './find-xero-document.ts';
import { xeroTokenUrl, type XeroCredentials, type XeroSettings } from './xero-config.ts';
import { XERO_DOCUMENT_KINDS, type XeroDocumentKind } from './xero-document-kinds.ts';
import { isDuplicateNumber, readXeroError, xeroFailure, xeroRefusal } from './xero-errors.ts';
import { requestXeroToken } from './request-xero-token.ts';

/** A validated Xero connection. */
export interface XeroConnection {
  readonly baseUrl: string;
  readonly credentials: XeroCredentials;
  readonly settings: XeroSettings;
  readonly timeoutMs?: number;
}

/**
 * The Xero Accounting API connector. Exactly once by Xero's own mechanisms: the create
 * (PUT) carries `Idempotency-Key: <externalId>`, so a quick repeat replays the first answer;
 * since that window is only minutes, a retry whose earlier attempt may have landed looks the
 * document up by number first, and Xero's "Invoice # must be unique" refusal is answered
 * with a look-up too — both report `already_posted`.
 */
export function createXeroConnector(connection: XeroConnection): ErpConnector {
  const api = `${connection.baseUrl.replace(/\/+$/, '')}/api.xro/2.0`;
  const tokens = createAccessTokenCache(() =>
    requestXeroToken({
      tokenUrl: xeroTokenUrl(connection.baseUrl, connection.settings.identityUrl),
      clientId: connection.credentials.clientId,
      clientSecret: connection.credentials.clientSecret,
      scopes: connection.settings.scopes,
      timeoutMs: connection.timeoutMs,
    }),
  );

  function call(method: string, pathAndQuery: string, action: string, init: { body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<ErpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', 'xero-tenant-id': connection.settings.tenantId, ...(init.headers ?? {}) };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return sendWithBearer(tokens, (token) =>
      erpFetch(`${api}/${pathAndQuery}`, { method, headers: { ...headers, authorization: `Bearer ${token}` }, body: init.body }, { system: 'Xero', action, timeoutMs: connection.timeoutMs, signal: init.signal }),
    );
  }

  async function alreadyPosted(kind: XeroDocumentKind, document: ErpPostingDocument, subject: string, signal: AbortSignal | undefined): Promise<ErpPostResult | undefined> {
    const id = await findXeroDocument((path, action) => call('GET', path, action, { signal }), kind, document.documentNumber, subject);
    return id === undefined ? undefined : { outcome: 'already_posted', erpDocumentId: id, httpStatus: 200 };
  }

  return {
    kind: 'xero',

    async post(document: ErpPostingDocument, body: unknown, context: ErpPostContext): Promise<ErpPostResult> {
      const kind = XERO_DOCUMENT_KINDS[document.documentType];
      const subject = `${kind.label} ${document.documentNumber}`;
      if (body === null || typeof body !== 'object') {
        throw new ErpCallError(`The Xero template rendered nothing to send for ${subject}; check the connection's mapping template`, 'refused', { errorCode: 'empty_body', exceptionCategory: 'posting_failure' });
      }
      if (context.mayExist) {
        const found = await alreadyPosted(kind, document, subject, context.signal);
        if (found) return found;
      }
      const action = `creating ${subject}`;
      const response = await call('PUT', `${kind.endpoint}?summarizeErrors=true`, action, { body: JSON.stringify(body), headers: { 'idempotency-key': document.externalId }, signal: context.signal });
      if (response.status !== 200 && response.status !== 400) throw xeroFailure(response, subject, action);
      const reason = readXeroError(response.json);
      if (isDuplicateNumber(reason)) {
        const found = await alreadyPosted(kind, document, subject, context.signal);
        if (found) return found;
      }
      if (response.status === 400) throw xeroFailure(response, subject, action);
      if (reason.validationMessages.length > 0) throw xeroRefusal(response, subject, reason);
      const elements = (response.json as Record<string, unknown> | undefined)?.[kind.endpoint];
      const id = xeroId(Array.isArray(elements) ? (elements[0] as Record<string, unknown> | undefined)?.[kind.idField] : undefined);
      if (id === undefined) {
        throw new ErpCallError(`Xero accepted ${subject} without saying its ${kind.idField}; it will be looked up before the next try`, 'malformed', {
          httpStatus: response.status,
          errorCode: `missing_${kind.idField}`,
          outcomeUnknown: true,
          responseSnippet: snippet(response),
        });
      }
      return { outcome: 'posted', erpDocumentId: id, httpStatus: response.status };
    },

    async ping(signal?: AbortSignal): Promise<void> {
      const action = 'checking the connection';
      const response = await call('GET', 'Organisation', action, { signal });
      if (response.status !== 200) throw xeroFailure(response, 'the connection check', action);
    },
  };
}
