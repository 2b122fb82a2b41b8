import type { ReleaseSummary } from '../../api/types.ts';

/**
 * The release kinds the page shows, as the API names them (`/v1/controls/releases/{kind}`).
 * `simulated`: the server can decide recent documents with a draft (ERP mappings change what
 * is sent to the ERP, not how controls decide, so they are not simulated).
 */
export const RELEASE_KINDS = [
  {
    kind: 'rule_set',
    label: 'Rule sets',
    one: 'rule set',
    simulated: true,
    empty: 'Nothing has been drafted or published for this kind yet: no rules run and nothing needs approval.',
  },
  {
    kind: 'approval_policy',
    label: 'Approval policies',
    one: 'approval policy',
    simulated: true,
    empty: 'Nothing has been drafted or published for this kind yet: no rules run and nothing needs approval.',
  },
  {
    kind: 'erp_mapping',
    label: 'ERP mappings',
    one: 'ERP mapping',
    simulated: false,
    empty: 'No ERP mapping has been drafted or published. Documents of an entity with an ERP connection are held (master data) until a published mapping translates them (docs/erp-mappings.md).',
  },
] as const;

export type ReleaseKind = (typeof RELEASE_KINDS)[number]['kind'];

export function isReleaseKind(value: string | null): value is ReleaseKind {
  return RELEASE_KINDS.some((k) => k.kind === value);
}

/** The kind's entry, or undefined for a kind the page does not know. */
export function releaseKind(kind: string): (typeof RELEASE_KINDS)[number] | undefined {
  return RELEASE_KINDS.find((k) => k.kind === kind);
}

/** "rule set v2" */
export function releaseName(kind: string, version: number): string {
  return `${releaseKind(kind)?.one ?? kind} v${version}`;
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
