import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_RESPONSE_LIMIT_BYTES, type WebhookRequest, type WebhookResponse, type WebhookSender } from '@invoiceops/core';
import { privateAddressReason } from './webhook-destination.ts';

/** The setting that lets webhooks reach private, loopback and link-local addresses. */
export const ALLOW_PRIVATE_WEBHOOKS_ENV = 'INVOICEOPS_WEBHOOK_ALLOW_PRIVATE';

/** `reason` is privateAddressReason's words; `name` the host name that resolved to it, if any. */
const refusal = (reason: string, name?: string) =>
  new Error(`refused: ${name ? `${name} resolves to ${reason.replace(' is ', ', which is ')}` : reason}; webhooks go only to public addresses unless ${ALLOW_PRIVATE_WEBHOOKS_ENV}=true`);

/**
 * A DNS lookup that refuses private destinations: every address the name resolves to must
 * be public, and the connection is made to one of those very addresses (so a second lookup
 * cannot swap in a private one: no DNS rebinding).
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const reason = addresses.map((a) => privateAddressReason(a.address)).find((r) => r !== null);
    if (reason) return callback(refusal(reason, hostname), '', 0);
    if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** The three Standard Webhooks headers for one attempt, plus the content headers. */
export function signedWebhookHeaders(request: WebhookRequest): Record<string, string> {
  return {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(request.body)),
    'user-agent': 'invoiceops-webhooks/1',
    'webhook-id': request.webhookId,
    'webhook-timestamp': String(Math.floor(request.timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(request.secret).sign(request.webhookId, request.timestamp, request.body),
  };
}

/** Reads at most the limit of a response body, then lets the rest go. */
function readLimited(response: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(chunks).toString('utf8'));
  };
  response.on('data', (chunk: Buffer) => {
    if (size >= WEBHOOK_RESPONSE_LIMIT_BYTES) return;
    const part = chunk.subarray(0, WEBHOOK_RESPONSE_LIMIT_BYTES - size);
    chunks.push(part);
    size += part.length;
    if (size >= WEBHOOK_RESPONSE_LIMIT_BYTES) {
      finish();
      response.destroy();
    }
  });
  response.on('end', finish);
  response.on('close', finish);
  response.on('error', finish);
}

/** Where webhooks may go. */
export interface HttpWebhookSenderOptions {
  /** Also private, loopback and link-local addresses (default: `INVOICEOPS_WEBHOOK_ALLOW_PRIVATE=true`). */
  allowPrivateDestinations?: boolean;
}

/**
 * POSTs a webhook over node:http(s), signed with `standardwebhooks`. Never follows a
 * redirect (a 3xx is just a failed attempt); one timer covers connecting, the headers and
 * the body; at most 4 KB of the body is read. Rejects with the cause on a timeout or a
 * connection error. Unless allowed, a URL whose host is, or resolves to, a private,
 * loopback or link-local address is refused before connecting (no server-side request
 * forgery into the network invoiceops runs in).
 */
export function createHttpWebhookSender(options: HttpWebhookSenderOptions = {}): WebhookSender {
  const allowPrivate = options.allowPrivateDestinations ?? process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] === 'true';
  return (request) => {
    const url = new URL(request.url);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!allowPrivate && isIP(host) !== 0) {
      const reason = privateAddressReason(host);
      if (reason) return Promise.reject(refusal(reason));
    }
    return post(url, request, allowPrivate ? undefined : publicOnlyLookup);
  };
}

/** The sender the worker uses: private destinations as the environment says. */
export const httpWebhookSender: WebhookSender = (request) => createHttpWebhookSender()(request);

function post(url: URL, request: WebhookRequest, lookup: LookupFunction | undefined): Promise<WebhookResponse> {
  return new Promise<WebhookResponse>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const outgoing = send(url, { method: 'POST', headers: signedWebhookHeaders(request), ...(lookup ? { lookup } : {}) }, (response) => {
      const retryAfter = response.headers['retry-after'];
      readLimited(response, (body) => settle(() => resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, body })));
    });
    const timer = setTimeout(() => {
      settle(() => reject(new Error(`timed out after ${request.timeoutMs / 1000} s`)));
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => settle(() => reject(new Error(error.code ? `${error.code}: ${error.message}` : error.message))));
    outgoing.end(request.body);
  });
}
