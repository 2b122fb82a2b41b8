import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, and whether its Standard Webhooks signature verified. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  payload: { type: string; timestamp: string; data: Record<string, unknown> } | undefined;
}

/** How to answer: a status with headers and body, silence (never answer), or a dropped connection. */
export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'hang' | 'drop';

/**
 * A real HTTP receiver on an ephemeral port that verifies every request with
 * `new Webhook(secret).verify` (the secret of the path's subscription) and answers as
 * the test says, 204 by default.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly secrets = new Map<string, string>();
  answer: (path: string, n: number) => ReceiverAnswer = () => ({ status: 204 });
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '/';
        let payload: ReceivedWebhook['payload'];
        let verified = false;
        try {
          payload = new Webhook(this.secrets.get(path) ?? 'whsec_AAAA').verify(body, request.headers as Record<string, string>) as ReceivedWebhook['payload'];
          verified = true;
        } catch {
          verified = false;
        }
        this.received.push({ path, headers: request.headers, body, verified, payload });
        const answer = this.answer(path, this.received.filter((r) => r.path === path).length);
        if (answer === 'hang') return;
        if (answer === 'drop') {
          request.socket.destroy();
          return;
        }
        response.writeHead(answer.status, answer.headers ?? {});
        response.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
