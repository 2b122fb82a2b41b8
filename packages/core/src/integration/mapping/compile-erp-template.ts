import jsonata from 'jsonata';

/** A compiled JSONata template. */
export type CompiledErpTemplate = jsonata.Expression;

/** JSONata's error object (it throws plain objects, not `Error`s). */
export interface JsonataFailure {
  readonly code: string;
  readonly position?: number;
  readonly token?: string;
  readonly message: string;
}

/**
 * Guard rails for every evaluation: a template is configuration written by an admin, and a
 * runaway one (an endless recursion, a huge range) must fail one posting, not stall a worker.
 */
const LIMITS: jsonata.JsonataOptions = { timeout: 2_000, stack: 500, sequence: 100_000 };

// Compiling is the costly part (parsing and building the AST), evaluation is cheap: keep the
// compiled expressions per template text. Templates change only with a new mapping version,
// so a few hundred entries cover every connection and type; the cap only stops a leak.
const COMPILED = new Map<string, CompiledErpTemplate>();
const COMPILED_LIMIT = 500;

/**
 * The compiled expression of a JSONata template, from the cache when the same text was
 * compiled before. Throws JSONata's error ({@link JsonataFailure}) for a template that does
 * not compile.
 */
export function compileErpTemplate(text: string): CompiledErpTemplate {
  const cached = COMPILED.get(text);
  if (cached !== undefined) return cached;
  const compiled = jsonata(text, LIMITS);
  if (COMPILED.size >= COMPILED_LIMIT) COMPILED.clear();
  COMPILED.set(text, compiled);
  return compiled;
}

/** True when `error` looks like what JSONata throws: an object with a string code and message. */
export function isJsonataFailure(error: unknown): error is JsonataFailure {
  return typeof error === 'object' && error !== null && typeof (error as JsonataFailure).code === 'string' && typeof (error as JsonataFailure).message === 'string';
}

/**
 * JSONata's error as one line for people: `S0211 at position 15: The symbol "}" cannot be
 * used as a unary operator`. Anything else thrown is shown by its message.
 */
export function describeJsonataFailure(error: unknown): string {
  if (!isJsonataFailure(error)) return error instanceof Error ? error.message : String(error);
  const where = typeof error.position === 'number' ? ` at position ${error.position}` : '';
  return `${error.code}${where}: ${error.message}`;
}
