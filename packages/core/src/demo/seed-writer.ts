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
  /** Rows of other tables that are part of the object (a contract's lines), inserted after the chunk's rows. */
  parts?: readonly PartRow[];
  /** Further audited events of the object (a milestone met), recorded after its `created` row. */
  events?: readonly AuditEntry[];
}

/** A row of another table that belongs to an audited object. */
export interface PartRow {
  table: keyof Database;
  row: Record<string, unknown>;
}

/** Rows per INSERT: ~20 columns × 1,000 rows stays far below PostgreSQL's 65,535 parameters. */
export const SEED_CHUNK_SIZE = 1_000;

/** One chunk of an unaudited-per-row stream (usage events), and the one audit entry it gets. */
export type ChunkAudit = (rows: readonly Record<string, unknown>[]) => AuditEntry;

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
    private total: number,
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

  /**
   * Adds rows to the expected total once a later stage knows its count (contracts and
   * usage are planned from the customers, which are generated while they are written).
   */
  expect(rows: number): void {
    this.total += rows;
  }

  /** Inserts `items` into `table` in chunks, each with its audit rows; returns the count. */
  async insertAudited(stage: string, table: keyof Database, objectType: string, items: Iterable<AuditedRow>): Promise<number> {
    this.begin(stage);
    let chunk: AuditedRow[] = [];
    let count = 0;
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      await this.trx.insertInto(table).values(chunk.map((item) => item.row) as never).execute();
      await this.insertParts(chunk.flatMap((item) => item.parts ?? []));
      const entries: AuditEntry[] = chunk.flatMap((item) => [
        { action: `${objectType}.created`, objectType, objectId: item.objectId, entityId: item.entityId, after: item.after, reason: this.reason },
        ...(item.events ?? []).map((event) => ({ reason: this.reason, ...event })),
      ]);
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

  /**
   * Inserts a stream of rows that are not audited one by one (usage events): one INSERT
   * and one audit entry (from `auditOf`) per chunk of `chunkSize`, as the ingest API
   * records one audit row per accepted batch. Returns the count.
   */
  async insertBatches(stage: string, table: keyof Database, rows: Iterable<Record<string, unknown>>, auditOf: ChunkAudit, chunkSize = SEED_CHUNK_SIZE): Promise<number> {
    this.begin(stage);
    let chunk: Record<string, unknown>[] = [];
    let count = 0;
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      await this.trx.insertInto(table).values(chunk as never).execute();
      await recordAudit(this.trx, SYSTEM_CONTEXT, { reason: this.reason, ...auditOf(chunk) });
      this.audited += 1;
      this.done += chunk.length;
      count += chunk.length;
      chunk = [];
      this.onProgress?.(this.done, this.total, stage);
    };
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
    return count;
  }

  /** Part rows of one chunk, grouped by table (in first-seen order) and chunked. */
  private async insertParts(parts: readonly PartRow[]): Promise<void> {
    const byTable = new Map<keyof Database, Record<string, unknown>[]>();
    for (const part of parts) {
      const rows = byTable.get(part.table) ?? [];
      rows.push(part.row);
      byTable.set(part.table, rows);
    }
    for (const [table, rows] of byTable) await this.insertPlain(table, rows);
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
