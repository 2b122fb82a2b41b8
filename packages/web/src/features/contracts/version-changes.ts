import type { ContractAmendment, ContractLine } from '../../api/types.ts';
import { describeCharge } from './describe-charge.ts';

/** One line version and how it differs from the version before it. */
export interface VersionRow {
  version: ContractLine;
  /** What changed against the previous version of the line ("quantity 10 → 15"), or how the line began. */
  change: string;
  amendment: ContractAmendment | undefined;
}

const sameCharge = (a: ContractLine, b: ContractLine) => JSON.stringify(a.charge) === JSON.stringify(b.charge);

/**
 * Every version of every line, oldest first per line, each with the change that created it
 * (from the versions themselves, so it reads right even without audit access) and the
 * amendment that made it. Zero-length versions (scheduled, then dropped by a later
 * amendment) are kept: they are part of the history.
 */
export function versionHistory(lines: readonly ContractLine[], amendments: readonly ContractAmendment[], currency: string): Map<string, VersionRow[]> {
  const byKey = new Map<string, ContractLine[]>();
  for (const line of lines) byKey.set(line.key, [...(byKey.get(line.key) ?? []), line]);
  const history = new Map<string, VersionRow[]>();
  for (const [key, versions] of byKey) {
    history.set(
      key,
      versions.map((version, i) => {
        const previous = versions[i - 1];
        const amendment = amendments.find((a) => a.id === version.amendmentId);
        return { version, change: describeChange(version, previous, currency, amendment), amendment };
      }),
    );
  }
  return history;
}

function describeChange(version: ContractLine, previous: ContractLine | undefined, currency: string, amendment: ContractAmendment | undefined): string {
  if (!previous) return version.amendmentId ? `Added from ${version.startDate}` : 'In the contract from the start';
  const parts: string[] = [];
  if (previous.quantity !== version.quantity) parts.push(`quantity ${previous.quantity} → ${version.quantity}`);
  if (!sameCharge(previous, version)) parts.push(`price ${describeCharge(previous.charge, currency)} → ${describeCharge(version.charge, currency)}`);
  if (parts.length > 0) return parts.join('; ');
  return amendment ? `Re-added from ${version.startDate}` : 'Unchanged';
}

/** Why a version stopped where it did, when an amendment ended it before the term. */
export function endReason(version: ContractLine, next: ContractLine | undefined, contractEnd: string): string | null {
  if (version.endDate === version.startDate) return 'Dropped before it started';
  if (next && next.startDate === version.endDate) return null;
  if (version.endDate < contractEnd) return `Removed from ${version.endDate}`;
  return null;
}
