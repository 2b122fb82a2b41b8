import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { ReleaseDiffResult, ReleaseSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { releasePath } from './release-kinds.tsx';

const LINE_TONE: Record<string, string> = { '+': 'added', '-': 'removed', '~': 'changed', '↕': 'moved' };

/** What changes between another version and this one, as review lines (+ added, - removed, ~ changed, ↕ moved). */
export function ReleaseDiff({ kind, version, versions, defaultFrom }: { kind: string; version: number; versions: ReleaseSummary[]; defaultFrom: number | null }) {
  const others = versions.filter((v) => v.version !== version);
  const [from, setFrom] = useState<number | null>(defaultFrom ?? others[0]?.version ?? null);
  const diff = useApi<ReleaseDiffResult>(from === null ? null : releasePath(kind, undefined, `/diff${query({ from, to: version })}`));
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">Changes</h2>
      <div className="inline-form">
        <label htmlFor="diff-from">Compared with</label>
        <select id="diff-from" value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
          {others.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} ({v.state.replace('_', ' ')})
            </option>
          ))}
        </select>
      </div>
      {diff.error && <ErrorNotice error={diff.error} retry={diff.reload} title="The diff could not be loaded." />}
      {!diff.data && diff.loading && <Loading what="the diff" />}
      {diff.data && diff.data.lines.length === 0 && <Empty>No differences between v{diff.data.from} and v{diff.data.to}.</Empty>}
      {diff.data && diff.data.lines.length > 0 && (
        <ul className="diff" aria-label={`Changes from v${diff.data.from} to v${diff.data.to}`}>
          {diff.data.lines.map((line, i) => (
            <li key={i} className={LINE_TONE[line[0] ?? ''] ?? ''}>
              <code>{line}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
