import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_RESPONSE_LIMIT_BYTES, type WebhookRequest, type WebhookResponse, type WebhookSender } from '@invoiceops/core';

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

/**
 * POSTs a webhook over node:http(s), signed with `standardwebhooks`. Never follows a
 * redirect (a 3xx is just a failed attempt); one timer covers connecting, the headers and
 * the body; at most 4 KB of the body is read. Rejects with the cause on a timeout or a
 * connection error.
 */
export const httpWebhookSender: WebhookSender = (request) =>
  new Promise<WebhookResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const outgoing = send(url, { method: 'POST', headers: signedWebhookHeaders(request) }, (response) => {
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
