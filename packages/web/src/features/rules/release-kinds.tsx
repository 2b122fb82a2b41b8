import type { ReleaseSummary } from '../../api/types.ts';

/** The release kinds the page shows, as the API names them (`/v1/controls/releases/{kind}`). */
export const RELEASE_KINDS = [
  { kind: 'rule_set', label: 'Rule sets', one: 'rule set' },
  { kind: 'approval_policy', label: 'Approval policies', one: 'approval policy' },
] as const;

export type ReleaseKind = (typeof RELEASE_KINDS)[number]['kind'];

export function isReleaseKind(value: string | null): value is ReleaseKind {
  return RELEASE_KINDS.some((k) => k.kind === value);
}

/** "rule set v2" */
export function releaseName(kind: string, version: number): string {
  return `${RELEASE_KINDS.find((k) => k.kind === kind)?.one ?? kind} v${version}`;
}

/** The API path of a kind, or of one version of it. */
export function releasePath(kind: string, version?: number | string, rest = ''): string {
  return `/v1/controls/releases/${kind}${version === undefined ? '' : `/${version}`}${rest}`;
}

const STATE_TONE: Record<ReleaseSummary['state'], string> = {
  draft: 'warning',
  scheduled: 'info',
  in_force: 'success',
  superseded: 'muted',
  discarded: 'muted',
};

/** A release's state at this moment, as a coloured word. */
export function ReleaseStateBadge({ state }: { state: ReleaseSummary['state'] }) {
  return <span className={`badge ${STATE_TONE[state]}`}>{state.replace('_', ' ')}</span>;
}
