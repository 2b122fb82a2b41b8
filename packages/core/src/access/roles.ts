/**
 * Roles and what each may do. The matrix lives here, in one table, so that the server's
 * route checks, the CLI and the authorization matrix test all read the same truth.
 */
export const ROLES = ['ar_clerk', 'ap_clerk', 'approver', 'controller', 'admin', 'auditor', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'reference:read',
  'reference:write',
  'fx-rates:write',
  'entities:read',
  'entities:write',
  'customers:read',
  'customers:write',
  'suppliers:read',
  'suppliers:write',
  'external-ids:read',
  'external-ids:write',
  'users:read',
  'users:write',
  'api-keys:manage',
  'audit:read',
  'audit:verify',
  'usage:read',
  'usage:write',
  'contracts:read',
  'contracts:write',
  'payments:read',
  'payments:write',
  'invoices:read',
  'invoices:write',
  'exceptions:read',
  'exceptions:manage',
  'exceptions:override',
  'controls:read',
  'controls:write',
  'controls:publish',
  'approvals:read',
  'approvals:act',
  'approvals:manage',
  'metrics:read',
  'integrations:read',
  'integrations:manage',
  'ledger:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = [
  'reference:read',
  'usage:read',
  'contracts:read',
  'invoices:read',
  'payments:read',
  'entities:read',
  'customers:read',
  'suppliers:read',
  'external-ids:read',
  'exceptions:read',
  'controls:read',
  'approvals:read',
  'integrations:read',
];

/**
 * Role → permissions. `auditor` is read-only; `integration` is for machines.
 * Exceptions: every role reads the queues; AR clerks, approvers and controllers work them
 * (`exceptions:manage`: assign, comment, resolve); only approvers and controllers may
 * override one, i.e. let a document pass the rule it failed (`exceptions:override`).
 * Released controls (rule sets, approval policies): everyone reads them (`controls:read`);
 * controllers draft and simulate (`controls:write`) and publish (`controls:publish`) — and
 * publishing also checks the controller role itself in the use case, with four-eyes.
 * Approvals: everyone sees requests in their entities (`approvals:read`); approvers and
 * controllers decide them (`approvals:act`, and may delegate their own candidacy);
 * controllers set approval limits and anyone's delegations (`approvals:manage`).
 * Whether a given user may approve a given step is decided by the use case (candidacy,
 * creator, limit), not here.
 * Finance-operations metrics (`metrics:read`): controllers, approvers, auditors and admins.
 * Posting: everyone reads the integration event log (`integrations:read`); controllers
 * post or retry a document by hand (`integrations:manage`); the built-in ledger's trial
 * balance and exports (`ledger:read`) are for controllers, auditors and admins.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ar_clerk: [...READ_ALL, 'customers:write', 'external-ids:write', 'usage:write', 'contracts:write', 'payments:write', 'invoices:write', 'exceptions:manage'],
  ap_clerk: [...READ_ALL, 'suppliers:write', 'external-ids:write'],
  approver: [...READ_ALL, 'exceptions:manage', 'exceptions:override', 'approvals:act', 'metrics:read'],
  controller: [
    ...READ_ALL,
    'reference:write',
    'fx-rates:write',
    'customers:write',
    'suppliers:write',
    'external-ids:write',
    'contracts:write',
    'payments:write',
    'invoices:write',
    'exceptions:manage',
    'exceptions:override',
    'controls:write',
    'controls:publish',
    'approvals:act',
    'approvals:manage',
    'users:read',
    'audit:read',
    'audit:verify',
    'metrics:read',
    'integrations:manage',
    'ledger:read',
  ],
  admin: [...PERMISSIONS],
  auditor: [...READ_ALL, 'users:read', 'audit:read', 'audit:verify', 'metrics:read', 'ledger:read'],
  integration: [...READ_ALL, 'customers:write', 'suppliers:write', 'external-ids:write', 'fx-rates:write', 'usage:write', 'contracts:write', 'payments:write', 'invoices:write'],
};

/** Pairs of roles that one person should not hold together (reported, see `conflicting-roles.ts`). */
export const CONFLICTING_ROLES: readonly (readonly [Role, Role, string])[] = [
  ['ap_clerk', 'approver', 'enters supplier bills and approves them'],
  ['ar_clerk', 'approver', 'creates invoices and approves them'],
  ['admin', 'approver', 'grants access and approves documents'],
  ['auditor', 'admin', 'audits the system and administers it'],
];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
