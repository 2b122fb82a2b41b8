import type { KeyObject } from 'node:crypto';
import { ErpCallError, type ErpConnector, type ErpPostContext, type ErpPostingDocument, type ErpPostResult } from '@invoiceops/core';
import { erpFetch, snippet, type ErpResponse } from '../http/erp-http.ts';
import { createAccessTokenCache, sendWithBearer } from '../http/access-token-cache.ts';
import type { NetsuiteCredentials, NetsuiteSettings } from './netsuite-config.ts';
import { netsuiteFailure } from './netsuite-errors.ts';
import { requestNetsuiteToken } from './request-netsuite-token.ts';

/** A validated NetSuite connection. */
export interface NetsuiteConnection {
  readonly baseUrl: string;
  readonly credentials: NetsuiteCredentials;
  readonly privateKey: KeyObject;
  readonly settings: NetsuiteSettings;
  readonly timeoutMs?: number;
}

const RECORD_TYPES = { invoice: 'invoice', credit_memo: 'creditMemo' } as const;
const LABELS = { invoice: 'invoice', credit_memo: 'credit memo' } as const;

/**
 * The NetSuite REST connector. Exactly once by NetSuite's own mechanism: PUT
 * `/record/v1/{type}/eid:{externalId}` is an upsert keyed by our external id, so a repeat
 * never creates a second record; when an earlier attempt may have landed, the record is
 * looked up first and reported `already_posted` (an existing record is never updated).
 */
export function createNetsuiteConnector(connection: NetsuiteConnection): ErpConnector {
  const base = connection.baseUrl.replace(/\/+$/, '');
  const recordsUrl = `${base}/services/rest/record/v1`;
  const tokens = createAccessTokenCache(() =>
    requestNetsuiteToken({
      tokenUrl: `${base}/services/rest/auth/oauth2/v1/token`,
      clientId: connection.credentials.clientId,
      certificateId: connection.credentials.certificateId,
      privateKey: connection.privateKey,
      algorithm: connection.settings.signingAlgorithm,
      timeoutMs: connection.timeoutMs,
    }),
  );

  function call(method: string, url: string, action: string, body: string | undefined, signal: AbortSignal | undefined): Promise<ErpResponse> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return sendWithBearer(tokens, (token) =>
      erpFetch(url, { method, headers: { ...headers, authorization: `Bearer ${token}` }, body }, { system: 'NetSuite', action, timeoutMs: connection.timeoutMs, signal }),
    );
  }

  async function findByExternalId(url: string, subject: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    const action = `looking up ${subject}`;
    const response = await call('GET', url, action, undefined, signal);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw netsuiteFailure(response, subject, action);
    const id = (response.json as { id?: unknown } | undefined)?.id;
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
    throw new ErpCallError(`NetSuite found ${subject} but did not say its internal id`, 'malformed', { httpStatus: 200, errorCode: 'missing_id', responseSnippet: snippet(response) });
  }

  return {
    kind: 'netsuite',

    async post(document: ErpPostingDocument, body: unknown, context: ErpPostContext): Promise<ErpPostResult> {
      const subject = `${LABELS[document.documentType]} ${document.documentNumber}`;
      const url = `${recordsUrl}/${RECORD_TYPES[document.documentType]}/eid:${encodeURIComponent(document.externalId)}`;
      if (body === null || typeof body !== 'object') {
        throw new ErpCallError(`The NetSuite template rendered no record for ${subject}; check the connection's mapping template`, 'refused', { errorCode: 'empty_body', exceptionCategory: 'posting_failure' });
      }
      if (context.mayExist) {
        const existing = await findByExternalId(url, subject, context.signal);
        if (existing !== undefined) return { outcome: 'already_posted', erpDocumentId: existing, httpStatus: 200 };
      }
      const action = `creating ${subject}`;
      const response = await call('PUT', url, action, JSON.stringify(body), context.signal);
      if (response.status < 200 || response.status >= 300) throw netsuiteFailure(response, subject, action);
      const internalId = internalIdFromLocation(response.headers.get('location'), base);
      if (internalId === undefined) {
        throw new ErpCallError(`NetSuite accepted ${subject} without saying its internal id (no Location header); it will be looked up before the next try`, 'malformed', {
          httpStatus: response.status,
          errorCode: 'missing_location',
          outcomeUnknown: true,
          responseSnippet: snippet(response),
        });
      }
      return { outcome: 'posted', erpDocumentId: internalId, httpStatus: response.status };
    },

    async ping(signal?: AbortSignal): Promise<void> {
      const action = 'checking the connection';
      const response = await call('GET', `${recordsUrl}/invoice?limit=1`, action, undefined, signal);
      if (response.status !== 200) throw netsuiteFailure(response, 'the connection check', action);
    },
  };
}

/** The internal id at the end of `Location: …/record/v1/invoice/647`; undefined when absent or not numeric. */
export function internalIdFromLocation(location: string | null, base: string): string | undefined {
  if (!location) return undefined;
  let path: string;
  try {
    path = new URL(location, base).pathname;
  } catch {
    return undefined;
  }
  const match = /\/record\/v1\/[A-Za-z]+\/(\d+)\/?$/.exec(path);
  return match?.[1];
}
