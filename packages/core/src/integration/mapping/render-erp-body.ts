import type { ErpPostingDocument } from '../erp-connector.ts';
import { compileErpTemplate, describeJsonataFailure, isJsonataFailure } from './compile-erp-template.ts';

/**
 * A template that did not render a body: it does not compile, failed while evaluating, or
 * produced nothing. Not retryable — the same template fails the same way — and a
 * `master_data` problem: someone fixes the template in a new `erp_mapping` version.
 */
export class ErpTemplateError extends Error {
  override readonly name = 'ErpTemplateError';
  /** Our exception category for the document on hold. */
  readonly exceptionCategory = 'master_data' as const;
  readonly retryable = false;
  constructor(
    /** "the invoice template of connection netsuite failed: T2001 at position 15: …". */
    message: string,
    /** JSONata's error code (`T2001`, `D3030`, `S0211` …), or `undefined_result`. */
    readonly code: string,
    /** Character offset in the template JSONata points at, when it says. */
    readonly position: number | null,
    readonly templateType: ErpPostingDocument['documentType'],
    readonly connectionName: string | null,
  ) {
    super(message);
  }
}

/** Where the template comes from, for the error message. */
export interface RenderErpBodyOptions {
  /** The connection whose template this is (`netsuite`). */
  readonly connectionName?: string;
}

/** JSONata returns sequences with extra markers; the body sent is plain JSON. */
function plainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Renders the vendor's request body: evaluates `template` (a JSONata expression, compiled
 * once per template text and cached) against `document`. Throws {@link ErpTemplateError}
 * when it does not compile, fails while evaluating (with JSONata's code and position), or
 * yields nothing (`undefined`, or a function) — the caller raises a `master_data`
 * exception with the message and posts nothing.
 */
export async function renderErpBody(template: string, document: ErpPostingDocument, options: RenderErpBodyOptions = {}): Promise<unknown> {
  const connection = options.connectionName ?? null;
  const which = `the ${document.documentType.replace('_', ' ')} template${connection === null ? '' : ` of connection ${connection}`}`;
  const fail = (error: unknown, stage: string): ErpTemplateError =>
    new ErpTemplateError(
      `${which} ${stage}: ${describeJsonataFailure(error)}`,
      isJsonataFailure(error) ? error.code : 'unknown',
      isJsonataFailure(error) && typeof error.position === 'number' ? error.position : null,
      document.documentType,
      connection,
    );
  let compiled;
  try {
    compiled = compileErpTemplate(template);
  } catch (error) {
    throw fail(error, 'is not valid JSONata');
  }
  let result: unknown;
  try {
    result = await compiled.evaluate(document);
  } catch (error) {
    throw fail(error, 'failed');
  }
  if (result === undefined || typeof result === 'function') {
    throw new ErpTemplateError(
      `${which} produced no body for ${document.documentNumber}: the expression evaluated to ${result === undefined ? 'nothing (undefined) — a field name may be misspelt' : 'a function'}`,
      'undefined_result',
      null,
      document.documentType,
      connection,
    );
  }
  return plainJson(result);
}
