/** One field the server refused, from problem+json `errors`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A failed API call, in words: the problem+json `detail` (RFC 9457), or what went wrong on the way. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly fields: FieldProblem[] = [],
    /** The whole problem+json body, for extensions such as `reason` or `problems`. */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message with the fields the server named, for showing to a person (each once: a detail often already names its field). */
  get explanation(): string {
    const more = this.fields.map((f) => `${f.path || 'request'}: ${f.message}`).filter((field) => !this.message.includes(field));
    if (more.length === 0) return this.message;
    return `${this.message} ${more.join('; ')}`;
  }
}

let onUnauthorized: (() => void) | null = null;

/** Called when the session has ended (401), so the app can show the sign-in page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** A random key per user action, so a retried POST is not applied twice (the API honours `Idempotency-Key`). */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the API with the session cookie; resolves with the JSON body or rejects with an {@link ApiError}. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['idempotency-key'] = idempotencyKey();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached. Check that invoiceops is running, then try again.', 0, 'network');
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const problem = (body ?? {}) as { detail?: string; title?: string; code?: string; errors?: FieldProblem[] };
    if (response.status === 401 && !path.startsWith('/v1/auth/')) onUnauthorized?.();
    const message = problem.detail ?? problem.title ?? `The server answered ${response.status} ${response.statusText}.`;
    throw new ApiError(message, response.status, problem.code ?? null, problem.errors ?? [], (body ?? {}) as Record<string, unknown>);
  }
  return body as T;
}

/** A query string from the set values of `params` (empty strings and undefined left out). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
