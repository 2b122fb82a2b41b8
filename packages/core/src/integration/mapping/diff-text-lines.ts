/** One run of changed lines: `removed` lines of the older text replaced by `added` ones, at 1-based `line` of the newer. */
export interface TextHunk {
  readonly line: number;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** Past this many cells the LCS table costs too much; the whole text counts as one change. */
const MAX_CELLS = 4_000_000;

/**
 * The changed runs of lines between two texts (a longest-common-subsequence line diff),
 * in order; unchanged lines are left out. Texts too long to compare line by line come back
 * as one hunk replacing everything. Pure.
 */
export function diffTextLines(before: string, after: string): TextHunk[] {
  if (before === after) return [];
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_CELLS) return [{ line: 1, removed: a, added: b }];
  // common[i][j]: length of the LCS of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      common[i * width + j] = a[i] === b[j] ? common[(i + 1) * width + j + 1]! + 1 : Math.max(common[(i + 1) * width + j]!, common[i * width + j + 1]!);
    }
  }
  const hunks: TextHunk[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  let start = 1;
  const flush = (): void => {
    if (removed.length > 0 || added.length > 0) hunks.push({ line: start, removed, added });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i += 1;
      j += 1;
      start = j + 1;
    } else if (j < b.length && (i === a.length || common[i * width + j + 1]! >= common[(i + 1) * width + j]!)) {
      added.push(b[j]!);
      j += 1;
    } else {
      removed.push(a[i]!);
      i += 1;
    }
  }
  flush();
  return hunks;
}
