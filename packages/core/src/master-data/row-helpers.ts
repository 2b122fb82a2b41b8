import type { Row } from './resource.ts';

/** `createdAt`/`updatedAt` as ISO strings for API output. */
export function timestamps(row: Row): { createdAt: string; updatedAt: string } {
  return {
    createdAt: (row.createdAt as Date).toISOString(),
    updatedAt: (row.updatedAt as Date).toISOString(),
  };
}
