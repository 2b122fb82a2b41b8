import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a vendor simulator sees it. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The body parsed as JSON, or undefined. */
  readonly json: unknown;
}

/** What a simulator answers. */
export interface SimResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. Undefined: no body (204). */
  readonly body?: unknown;
}

/**
 * Faults a simulator injects, each decided per request:
 * - `serverError`: the vendor's 5xx;
 * - `rateLimited`: the vendor's own limit error (429 with Retry-After, where the vendor sends one);
 * - `timeout`: the request is held without an answer (`hangMs`);
 * - `reset`: the connection is destroyed before anything is done;
 * - `lostResponse`: the write is committed, then the connection is destroyed (the answer is lost);
 * - `slow`: answered after `slowMs`;
 * - `malformed`: an HTML error page with status 200 in place of the vendor's answer;
 * - `none`: no fault (a placeholder in a script, to fault only a later write).
 */
export type FaultKind = 'serverError' | 'rateLimited' | 'timeout' | 'reset' | 'lostResponse' | 'slow' | 'malformed' | 'none';

export interface FaultPlan {
  /** Probability per request of each fault, 0..1 (tried in the order above; at most one per request). */
  rates?: Partial<Record<FaultKind, number>>;
  /** Faults for the next write requests, in order, before the random rates apply (deterministic tests). */
  script?: FaultKind[];
  /** Applies faults to writes only (default), or to every request. */
  onlyWrites?: boolean;
  hangMs?: number;
  slowMs?: number;
  /** Retry-After the vendor sends with its limit error, in seconds (where the vendor sends one). */
  retryAfterSeconds?: number;
}

export interface SimulatorOptions {
  /** Latency added to every answer, ms. */
  latencyMs?: number;
  /** Requests handled at once; beyond it the vendor's limit error (NetSuite/Xero/BC 429). 0 = unlimited. */
  concurrencyLimit?: number;
  faults?: FaultPlan;
  /** Deterministic randomness for the fault rates (default Math.random). */
  random?: () => number;
}

/** The vendor-specific part of a simulator. */
export interface VendorSimulator {
  readonly name: string;
  /** Handles one request (auth, routing, the vendor's semantics); commits writes before it returns. */
  handle(request: SimRequest): Promise<SimResponse> | SimResponse;
  /** The vendor's answer when over its limit (`retryAfterSeconds` when it sends Retry-After). */
  limitError(retryAfterSeconds: number): SimResponse;
  /** The vendor's 5xx answer. */
  serverError(): SimResponse;
  /** Requests no fault is injected into (a token endpoint: faults are about the documents). */
  exemptFromFaults?(request: SimRequest): boolean;
  /** Everything it stores, for `GET /__sim/records` and tests: one entry per created document. */
  records(): unknown[];
  reset(): void;
}

export interface RunningSimulator {
  readonly url: string;
  readonly port: number;
  readonly vendor: VendorSimulator;
  /** Counts since start or the last reset: requests, and faults injected by kind. */
  readonly stats: { requests: number; faults: Record<string, number> };
  setFaults(plan: FaultPlan): void;
  setOptions(options: Partial<Pick<SimulatorOptions, 'latencyMs' | 'concurrencyLimit'>>): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a vendor simulator as a local HTTP server (`invoiceops sandbox erp <vendor>`), with
 * latency, a concurrency limit answered by the vendor's own limit error, and fault
 * injection. Control endpoints, outside the vendor's API:
 * - `GET /__sim/records` — what the simulator stores;
 * - `GET /__sim/stats` — requests and faults injected;
 * - `POST /__sim/faults` — a {@link FaultPlan} (JSON);
 * - `POST /__sim/reset` — forgets records, stats and faults.
 */
export async function startSimulator(vendor: VendorSimulator, options: SimulatorOptions = {}, port = 0, host = '127.0.0.1'): Promise<RunningSimulator> {
  let plan: FaultPlan = options.faults ?? {};
  let script = [...(plan.script ?? [])];
  let latencyMs = options.latencyMs ?? 0;
  let concurrencyLimit = options.concurrencyLimit ?? 0;
  const random = options.random ?? Math.random;
  const stats = { requests: 0, faults: {} as Record<string, number> };
  let inFlight = 0;

  function pickFault(write: boolean): FaultKind | undefined {
    if (plan.onlyWrites !== false && !write) return undefined;
    if (script.length > 0) return script.shift();
    for (const kind of ['serverError', 'rateLimited', 'timeout', 'reset', 'lostResponse', 'slow', 'malformed'] as const) {
      const rate = plan.rates?.[kind] ?? 0;
      if (rate > 0 && random() < rate) return kind;
    }
    return undefined;
  }

  function send(res: ServerResponse, answer: SimResponse): void {
    const headers: Record<string, string> = { ...(answer.headers ?? {}) };
    let payload: string | undefined;
    if (answer.body !== undefined) {
      payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
    }
    res.writeHead(answer.status, headers);
    res.end(payload);
  }

  async function control(req: SimRequest, res: ServerResponse): Promise<void> {
    if (req.path === '/__sim/records') return send(res, { status: 200, body: vendor.records() });
    if (req.path === '/__sim/stats') return send(res, { status: 200, body: { ...stats, inFlight } });
    if (req.path === '/__sim/faults' && req.method === 'POST') {
      running.setFaults((req.json ?? {}) as FaultPlan);
      return send(res, { status: 200, body: plan });
    }
    if (req.path === '/__sim/reset' && req.method === 'POST') {
      vendor.reset();
      running.setFaults({});
      stats.requests = 0;
      stats.faults = {};
      return send(res, { status: 200, body: { reset: true } });
    }
    return send(res, { status: 404, body: { error: `no simulator control ${req.path}` } });
  }

  async function handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(raw.url ?? '/', 'http://simulator');
    let json: unknown;
    try {
      json = body.length > 0 ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const request: SimRequest = { method: (raw.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, headers: raw.headers, body, json };
    if (request.path.startsWith('/__sim/')) return control(request, res);

    stats.requests += 1;
    const write = request.method !== 'GET' && request.method !== 'HEAD';
    if (concurrencyLimit > 0 && inFlight >= concurrencyLimit) {
      stats.faults.concurrency = (stats.faults.concurrency ?? 0) + 1;
      return send(res, vendor.limitError(plan.retryAfterSeconds ?? 1));
    }
    inFlight += 1;
    try {
      const picked = pickFault(write && vendor.exemptFromFaults?.(request) !== true);
      const fault = picked === 'none' ? undefined : picked;
      if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
      if (latencyMs > 0) await sleep(latencyMs);
      switch (fault) {
        case 'serverError':
          return send(res, vendor.serverError());
        case 'rateLimited':
          return send(res, vendor.limitError(plan.retryAfterSeconds ?? 1));
        case 'timeout':
          await sleep(plan.hangMs ?? 60_000);
          res.destroy();
          return;
        case 'reset':
          res.destroy();
          return;
        case 'lostResponse':
          await vendor.handle(request);
          res.destroy();
          return;
        case 'slow':
          await sleep(plan.slowMs ?? 2_000);
          break;
        case 'malformed':
          return send(res, { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>' });
        default:
          break;
      }
      return send(res, await vendor.handle(request));
    } finally {
      inFlight -= 1;
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: String((error as Error).message ?? error) } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const running: RunningSimulator = {
    url: `http://${host}:${address.port}`,
    port: address.port,
    vendor,
    stats,
    setFaults(next) {
      plan = next;
      script = [...(next.script ?? [])];
    },
    setOptions(next) {
      if (next.latencyMs !== undefined) latencyMs = next.latencyMs;
      if (next.concurrencyLimit !== undefined) concurrencyLimit = next.concurrencyLimit;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return running;
}
