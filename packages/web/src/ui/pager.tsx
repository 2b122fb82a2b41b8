import { useState } from 'react';

/**
 * Cursor pagination state for a list whose filters are `filterKey`: the cursors of the
 * pages before this one, so "Previous" goes back without the server counting. Changing
 * the filters starts again on page 1.
 */
export function useCursorPages(filterKey: string): { cursor: string | undefined; page: number; next: (cursor: string) => void; previous: () => void } {
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length + 1,
    next: (cursor) => setPages({ key: filterKey, cursors: [...cursors, cursor] }),
    previous: () => setPages({ key: filterKey, cursors: cursors.slice(0, -1) }),
  };
}

/** Previous / Next buttons for a cursor-paginated list. */
export function Pager({ page, nextCursor, onNext, onPrevious }: { page: number; nextCursor: string | null; onNext: (cursor: string) => void; onPrevious: () => void }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={page === 1} onClick={onPrevious}>
        Previous
      </button>
      <span>Page {page}</span>
      <button type="button" className="secondary" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        Next
      </button>
    </nav>
  );
}
