import { z } from 'zod';

/** The release kind of ERP mappings in the release store (`/v1/controls/releases/erp_mapping`). */
export const ERP_MAPPING_KIND = 'erp_mapping';

/** The document types a connection has a template for. */
export const ERP_TEMPLATE_TYPES = ['invoice', 'credit_memo'] as const;

/** The most entries one table of one connection holds (products and customers can be many). */
export const MAX_MAPPING_ENTRIES = 100_000;

/** The longest template, in characters. */
export const MAX_TEMPLATE_LENGTH = 100_000;

/** What is wrong with a connection name, as `erp_connections.name` allows them; undefined when nothing is. */
function connectionNameProblem(name: string): string | undefined {
  return /^[a-z][a-z0-9_-]{0,39}$/.test(name) ? undefined : 'must be a connection name: a lower-case letter, then letters, digits, "_" or "-" (at most 40)';
}

// Keys index plain objects: refuse the ones that would reach Object.prototype (zod would
// silently drop `__proto__`, losing the entry without a word).
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What is wrong with one of our ids or codes as a key of a table; undefined when nothing is. */
function ourValueProblem(key: string): string | undefined {
  if (key.length === 0) return 'must not be an empty key';
  if (key.length > 200) return 'must be a key of at most 200 characters';
  return FORBIDDEN_KEYS.has(key) ? 'is a reserved word and cannot be a key' : undefined;
}

/**
 * A map with keys checked on the raw input — each bad key reported at its own pointer with
 * a message of ours — and its values by `value`, with at most {@link MAX_MAPPING_ENTRIES}
 * entries.
 */
function keyedBy<V extends z.ZodType>(value: V, keyProblem: (key: string) => string | undefined, what: string) {
  return z
    .unknown()
    .superRefine((raw, ctx) => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
      const keys = Object.keys(raw);
      if (keys.length > MAX_MAPPING_ENTRIES) ctx.addIssue({ code: 'custom', message: `has more than ${MAX_MAPPING_ENTRIES} ${what}` });
      for (const key of keys) {
        const problem = keyProblem(key);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: problem });
      }
    })
    .pipe(z.record(z.string(), value, { error: `must be an object of ${what}` }));
}

/** One of the ERP's ids or codes. */
const erpValue = z
  .string({ error: 'must be the ERP value as a string' })
  .trim()
  .min(1, 'must be the ERP value, not empty')
  .max(200, 'must be at most 200 characters');

const table = (what: string) => keyedBy(erpValue, ourValueProblem, what);

/** A dimension translated to an ERP segment; without `values` each value passes through as it is. */
export const erpDimensionMappingSchema = z.strictObject({
  segment: erpValue,
  values: table('values').optional(),
});

const template = z
  .string()
  .min(1, 'must be a JSONata expression, not empty')
  .max(MAX_TEMPLATE_LENGTH, `must be at most ${MAX_TEMPLATE_LENGTH} characters`);

/** The mapping tables and templates of one ERP connection. */
export const erpConnectionMappingSchema = z.strictObject({
  /** Our legal entity id → NetSuite subsidiary, BC company, SAP company code, Oracle BU, Xero tenant. */
  entities: table('entities'),
  /** Our GL account code → the ERP's account. */
  accounts: table('accounts'),
  /** Our tax code → the ERP's tax code. */
  taxCodes: table('tax codes'),
  /** Our product id → the ERP's item; a product not listed is looked up in external ids. */
  products: table('products').optional(),
  /** Our customer id → the ERP's customer; a customer not listed is looked up in external ids. */
  customers: table('customers').optional(),
  /** Our dimension code → the ERP segment (department, class, cost center …) and its values. */
  dimensions: keyedBy(erpDimensionMappingSchema, ourValueProblem, 'dimensions').optional(),
  /** Explicit fallbacks for an account or tax code the tables do not list. */
  defaults: z.strictObject({ account: erpValue.optional(), taxCode: erpValue.optional() }).optional(),
  /** JSONata expressions: `ErpPostingDocument` → the vendor's request body, per document type. */
  templates: z.strictObject({ invoice: template, credit_memo: template }),
});

/** The content of an `erp_mapping` version: the tables of every connection, by connection name. */
export const erpMappingContentSchema = z.strictObject({
  connections: keyedBy(erpConnectionMappingSchema, connectionNameProblem, 'connections'),
});

/** The mapping tables and templates of one connection, as parsed. */
export type ErpConnectionMapping = z.output<typeof erpConnectionMappingSchema>;

/** The content of an `erp_mapping` version, as parsed. */
export type ErpMappingContent = z.output<typeof erpMappingContentSchema>;

/** A dimension's translation, as parsed. */
export type ErpDimensionMapping = z.output<typeof erpDimensionMappingSchema>;

/** The value of `key` in a mapping table, only when the table itself has it (never an inherited property). */
export function lookupMapping<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
