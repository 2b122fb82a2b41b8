import { diffJson } from '../../controls/releases/diff-json.ts';
import type { JsonChange, StructuralDiff } from '../../controls/releases/release-diff.ts';
import { diffTextLines, type TextHunk } from './diff-text-lines.ts';

const TEMPLATE_PATH = /^\/connections\/[^/]+\/templates\/(invoice|credit_memo)$/;

/** Lines of one side of a hunk, each numbered as in its own text: `L12: "subsidiary": company`. */
function numbered(lines: readonly string[], first: number): string {
  return lines.map((line, index) => `L${first + index}: ${line}`).join('\n');
}

/**
 * A changed template as the lines that changed, one change per run of lines: `changed`
 * (old lines → new lines), `added` or `removed`, at the template's pointer, each line
 * numbered as in its version, so a reviewer sees the edit instead of two long strings.
 */
function templateChanges(path: string, before: string, after: string): JsonChange[] {
  let oldLine = 1;
  let newLine = 1;
  const changes: JsonChange[] = [];
  for (const hunk of diffTextLines(before, after)) {
    // Unchanged lines between hunks keep both counters in step.
    const unchanged = hunk.line - newLine;
    oldLine += unchanged;
    newLine = hunk.line;
    changes.push(describeHunk(path, hunk, oldLine, newLine));
    oldLine += hunk.removed.length;
    newLine += hunk.added.length;
  }
  return changes;
}

function describeHunk(path: string, hunk: TextHunk, oldLine: number, newLine: number): JsonChange {
  if (hunk.removed.length === 0) return { path, change: 'added', new: numbered(hunk.added, newLine) };
  if (hunk.added.length === 0) return { path, change: 'removed', old: numbered(hunk.removed, oldLine) };
  return { path, change: 'changed', old: numbered(hunk.removed, oldLine), new: numbered(hunk.added, newLine) };
}

/**
 * What changed between two `erp_mapping` contents (older first): structural, at JSON
 * pointers (`~ /connections/netsuite/accounts/4000: "401" → "4010"`), except that a changed
 * template is shown as the lines of text that changed rather than as one long string. Pure.
 */
export function diffErpMappings(from: unknown, to: unknown): StructuralDiff {
  const changes = diffJson(from, to).flatMap((change) =>
    change.change === 'changed' && TEMPLATE_PATH.test(change.path) && typeof change.old === 'string' && typeof change.new === 'string'
      ? templateChanges(change.path, change.old, change.new)
      : [change],
  );
  return { type: 'structural', changes };
}
