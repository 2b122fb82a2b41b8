import type { JsonChange, ReleaseBodyDiff } from './release-diff.ts';

const MAX_VALUE = 120;

/** A value as one short line: JSON, cut at {@link MAX_VALUE} characters. */
function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function describeChange(change: JsonChange): string {
  switch (change.change) {
    case 'added': return `+ ${change.path}: ${show(change.new)}`;
    case 'removed': return `- ${change.path}: ${show(change.old)}`;
    case 'moved': return `↕ ${change.path}: moved from position ${String(change.old)} to ${String(change.new)}`;
    case 'changed': return `~ ${change.path}: ${show(change.old)} → ${show(change.new)}`;
  }
}

/**
 * The diff as lines a person reads in a review or a terminal: `+` added, `-` removed,
 * `~` changed (old → new), `↕` moved. Pure.
 *
 *     + rule custom.po_format (block, po_reference → billing): PO number has the wrong format.
 *     ~ rule builtin.total_outside_history: severity "warn" → "block"
 */
export function describeReleaseDiff(diff: ReleaseBodyDiff): string[] {
  if (diff.type === 'structural') return diff.changes.length === 0 ? ['no changes'] : diff.changes.map(describeChange);
  const lines = [
    ...diff.added.map((rule) => `+ rule ${rule.id} (${rule.severity}, ${rule.category} → ${rule.ownerQueue}): ${rule.description}`),
    ...diff.removed.map((rule) => `- rule ${rule.id} (${rule.severity}, ${rule.category}): ${rule.description}`),
    ...diff.changed.flatMap(({ ruleId, changes }) => changes.map((c) => `~ rule ${ruleId}: ${c.field} ${show(c.old)} → ${show(c.new)}`)),
    ...(diff.reordered ? ['↕ the rules run in a different order'] : []),
  ];
  return lines.length === 0 ? ['no changes'] : lines;
}
