/**
 * How a connection's slots are shared by the worker processes that want them: each may
 * keep up to `most` (the rounded-up even share) when others are waiting, and is short —
 * entitled to ask the others to give slots back — below `least` (the rounded-down share,
 * at least one). With 5 slots and 3 processes, 2 + 2 + 1 is stable: nobody holds more
 * than 2, nobody fewer than 1.
 */
export function slotShare(maxConcurrency: number, contenders: number): { readonly least: number; readonly most: number } {
  const n = Math.max(1, contenders);
  return { least: Math.max(1, Math.floor(maxConcurrency / n)), most: Math.max(1, Math.ceil(maxConcurrency / n)) };
}
