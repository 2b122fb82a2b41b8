import { AppError } from '../errors/app-error.ts';

/**
 * Opaque cursors: the last id of the page, base64url-encoded. Ids are time-sortable, so
 * paging by id is stable while rows are added.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && parsed.after.length <= 100) return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw AppError.invalid('/cursor', 'is not a cursor returned by this API');
}

/** A page of results. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * Splits rows fetched with `limit + 1` into the page and the cursor of the next one (null
 * when this page is the last).
 */
export function splitPage<T extends { id: string }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null };
}
