import type { TaxEngine } from '@invoiceops/core';
import { BuiltinTaxEngine } from './builtin/builtin-tax-engine.ts';

/** How to build the tax engine; external engines add their own `kind` later. */
export type TaxEngineConfig = { kind: 'builtin' };

/**
 * The tax engine for `config`. Only the built-in table engine exists today; an unknown
 * `kind` from untyped configuration is a startup error, not a fallback.
 */
export function createTaxEngine(config: TaxEngineConfig): TaxEngine {
  switch (config.kind) {
    case 'builtin':
      return new BuiltinTaxEngine();
    default:
      throw new Error(`unknown tax engine kind ${JSON.stringify((config as { kind?: unknown }).kind)}; use "builtin"`);
  }
}

export { BuiltinTaxEngine, calculateBuiltinTax } from './builtin/builtin-tax-engine.ts';
export { TAX_TABLE_VERSION } from './builtin/table-version.ts';
