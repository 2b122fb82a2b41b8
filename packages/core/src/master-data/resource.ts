import type { SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { Permission } from '../access/roles.ts';
import type { Trx } from '../db/transaction.ts';
import type { Database } from '../db/schema.ts';
import type { FieldIssue } from '../errors/app-error.ts';

/** A database row of a master-data table, camelCased (see `db/schema.ts`). */
export type Row = Record<string, unknown> & { id: string; version: number };

/**
 * Everything the generic create/update/get/list use cases need to know about one kind of
 * master data. One definition per resource (customers, suppliers, products, …); the
 * definition is the single source for validation, storage mapping, entity scope,
 * permissions, and the HTTP routes generated from it.
 */
export interface ResourceDefinition<
  TCreate extends z.ZodType = z.ZodType,
  TUpdate extends z.ZodType = z.ZodType,
  TOut extends z.ZodType = z.ZodType,
  TListQuery extends z.ZodType = z.ZodType,
> {
  /** URL segment under /v1, plural kebab-case: `customers`, `gl-accounts`. */
  path: string;
  /** Audit object type, singular snake_case: `customer`, `gl_account`. */
  objectType: string;
  /** Human label for messages: `customer`, `GL account`. */
  label: string;
  table: keyof Database & string;
  idPrefix: string;
  permissions: { read: Permission; write: Permission };
  /**
   * The entities a row belongs to, for scope checks; `null` for global reference data
   * (chart of accounts, products, tax codes), which any holder of the permission may use.
   */
  entityIdsOf: (row: Row) => string[] | null;
  /** Column used for entity-scope filtering in lists: one entity id, or an array column. */
  scopeColumn?: { column: string; kind: 'single' | 'array' | 'id' };
  createSchema: TCreate;
  updateSchema: TUpdate;
  outputSchema: TOut;
  listQuery: TListQuery;
  /** Input (already validated by the schema) → columns to insert or set. */
  toColumns: (input: Record<string, unknown>) => Record<string, unknown>;
  /** Row → API object. */
  toOutput: (row: Row) => z.output<TOut>;
  /**
   * Cross-field and reference checks on the full candidate row (new, or existing merged
   * with the patch), inside the writing transaction. May normalize values in place.
   */
  check?: (trx: Trx, candidate: Row, existing: Row | undefined) => Promise<FieldIssue[]>;
  /** Extra writes after insert/update in the same transaction (e.g. number series). */
  afterWrite?: (trx: Trx, row: Row, existing: Row | undefined) => Promise<void>;
  /** Unique constraint name → the field it protects, for a clear 409. */
  uniqueFields?: Record<string, string>;
  /** Applies list filters from the parsed query. */
  applyFilters?: (
    qb: SelectQueryBuilder<Database, never, Record<string, unknown>>,
    query: Record<string, unknown>,
  ) => SelectQueryBuilder<Database, never, Record<string, unknown>>;
  /** Fields that may not change after creation (`code`, `entityId`, …). */
  immutable?: string[];
  /** Whether the API offers POST (currencies are preloaded from ISO 4217). */
  creatable?: boolean;
}
