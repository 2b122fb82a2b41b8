import { recordAudit, type AuditEntry } from '../audit/record-audit.ts';
import type { Database } from '../db/schema.ts';
import type { Trx } from '../db/transaction.ts';
import { SYSTEM_CONTEXT } from '../shared/context.ts';
import type { SeedProgress } from './seed-options.ts';

/** One row to insert together with what its audit row records. */
export interface AuditedRow {
  /** Column values (camelCase; jsonb already as JSON text). */
  row: Record<string, unknown>;
  objectId: string;
  entityId: string | null;
  /** The object as the API shows it (the resource's `toOutput`). */
  after: object;
}

/** Rows per INSERT: ~20 columns × 1,000 rows stays far below PostgreSQL's 65,535 parameters. */
export const SEED_CHUNK_SIZE = 1_000;

/**
 * Writes seed rows in chunks inside one transaction: each chunk is one multi-row INSERT
 * followed by one `recordAudit` call for the chunk (action `<objectType>.created`, actor
 * `system`, reason naming the seed), then a progress report.
 */
export class SeedWriter {
  private done = 0;
  private audited = 0;

  constructor(
    readonly trx: Trx,
    private readonly reason: string,
    private readonly total: number,
    private readonly onProgress: SeedProgress | undefined,
  ) {}

  /** Audit rows written so far. */
  get auditRows(): number {
    return this.audited;
  }

  /** Tells the listener that `stage` starts (before its first chunk lands). */
  begin(stage: string): void {
    this.onProgress?.(this.done, this.total, stage);
  }

  /** Inserts `items` into `table` in chunks, each with its audit rows; returns the count. */
  async insertAudited(stage: string, table: keyof Database, objectType: string, items: Iterable<AuditedRow>): Promise<number> {
    this.begin(stage);
    let chunk: AuditedRow[] = [];
    let count = 0;
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      await this.trx.insertInto(table).values(chunk.map((item) => item.row) as never).execute();
      const entries: AuditEntry[] = chunk.map((item) => ({
        action: `${objectType}.created`,
        objectType,
        objectId: item.objectId,
        entityId: item.entityId,
        after: item.after,
        reason: this.reason,
      }));
      await recordAudit(this.trx, SYSTEM_CONTEXT, entries);
      this.audited += entries.length;
      this.done += chunk.length;
      count += chunk.length;
      chunk = [];
      this.onProgress?.(this.done, this.total, stage);
    };
    for (const item of items) {
      chunk.push(item);
      if (chunk.length >= SEED_CHUNK_SIZE) await flush();
    }
    await flush();
    return count;
  }

  /** Inserts rows that are part of an audited object (number series, grants, limits). */
  async insertPlain(table: keyof Database, rows: readonly Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += SEED_CHUNK_SIZE) {
      await this.trx.insertInto(table).values(rows.slice(i, i + SEED_CHUNK_SIZE) as never).execute();
    }
  }
}

/** Maps an iterable lazily (a generator of customers stays a stream). */
export function* mapItems<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}
