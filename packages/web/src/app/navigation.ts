import type { Permission } from '../api/types.ts';

/** One page in the navigation and what a user needs to see it (the server still checks every call). */
export interface NavItem {
  path: string;
  label: string;
  /** Shown when the user has any of these. */
  anyOf: Permission[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'Dashboard', anyOf: ['metrics:read'] },
  { path: '/work', label: 'My work', anyOf: ['approvals:act', 'exceptions:manage'] },
  { path: '/invoices', label: 'Invoices', anyOf: ['invoices:read'] },
  { path: '/customers', label: 'Customers', anyOf: ['customers:read'] },
  { path: '/contracts', label: 'Contracts', anyOf: ['contracts:read'] },
  { path: '/usage', label: 'Usage', anyOf: ['usage:read'] },
  { path: '/bill-runs', label: 'Bill runs', anyOf: ['invoices:write'] },
  { path: '/integrations', label: 'Integrations', anyOf: ['integrations:read'] },
  { path: '/rules', label: 'Rules and policies', anyOf: ['controls:read'] },
  { path: '/audit', label: 'Audit log', anyOf: ['audit:read'] },
];

/** The pages this user may open, in navigation order. */
export function visibleNav(can: (p: Permission) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => item.anyOf.some(can));
}
