import type { Role } from '../access/roles.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/** The mail domain of the demo users. */
export const DEMO_EMAIL_DOMAIN = 'demo.invoiceops.dev';

/** One demo user: who, which roles in which entities (by entity code, null = all), limits. */
interface DemoUserDefinition {
  local: string;
  name: string;
  kind: 'human' | 'machine';
  roles: readonly Role[];
  /** Entity codes the grants are scoped to; `null` grants every entity. */
  entities: readonly string[] | null;
  /** Approval limits in major units, as decimal strings. */
  limits?: readonly (readonly [currency: string, amount: string])[];
  description: string;
}

// No user holds a pair from CONFLICTING_ROLES, so the demo shows clean segregation of duties.
const USERS: readonly DemoUserDefinition[] = [
  { local: 'admin', name: 'Priya Natarajan', kind: 'human', roles: ['admin'], entities: null, description: 'Administrator: users, API keys, all settings' },
  {
    local: 'controller',
    name: 'Daniel Okafor',
    kind: 'human',
    roles: ['controller'],
    entities: null,
    limits: [['USD', '250000.00'], ['EUR', '225000.00'], ['GBP', '200000.00'], ['SGD', '325000.00'], ['AUD', '375000.00']],
    description: 'Controller: reference data, FX rates, customers, suppliers, audit, rule releases',
  },
  { local: 'ar.clerk', name: 'Sofia Martinez', kind: 'human', roles: ['ar_clerk'], entities: ['US01', 'UK01'], description: 'AR clerk for the US and UK entities' },
  { local: 'ar.clerk.de', name: 'Jonas Becker', kind: 'human', roles: ['ar_clerk'], entities: ['DE01'], description: 'AR clerk for the German entity only' },
  { local: 'ar.clerk.apac', name: 'Tan Wei Ling', kind: 'human', roles: ['ar_clerk'], entities: ['SG01', 'AU01'], description: 'AR clerk for the Singapore and Australia entities' },
  { local: 'ap.clerk', name: "Liam O'Brien", kind: 'human', roles: ['ap_clerk'], entities: null, description: 'AP clerk (shared service center, all entities)' },
  {
    local: 'approver',
    name: 'Hannah Schmidt',
    kind: 'human',
    roles: ['approver'],
    entities: null,
    limits: [['USD', '25000.00'], ['EUR', '22500.00'], ['GBP', '20000.00']],
    description: 'Approver up to USD 25,000 / EUR 22,500 / GBP 20,000',
  },
  {
    local: 'cfo',
    name: 'Margaret Chen',
    kind: 'human',
    roles: ['approver'],
    entities: null,
    limits: [['USD', '500000.00'], ['EUR', '450000.00'], ['GBP', '400000.00'], ['SGD', '650000.00'], ['AUD', '750000.00']],
    description: 'Second-level approver (CFO) up to USD 500,000',
  },
  { local: 'auditor', name: 'Marcus Reid', kind: 'human', roles: ['auditor'], entities: null, description: 'Auditor: read-only, can verify the audit chain' },
  { local: 'integration', name: 'ERP integration', kind: 'machine', roles: ['integration'], entities: null, description: 'Machine user for API keys (no password)' },
  // Added after the others, so earlier users keep their ids.
  {
    local: 'controller.2',
    name: 'Aisha Rahman',
    kind: 'human',
    roles: ['controller'],
    entities: null,
    limits: [['USD', '250000.00'], ['EUR', '225000.00'], ['GBP', '200000.00'], ['SGD', '325000.00'], ['AUD', '375000.00']],
    description: 'Second controller: reviews and publishes rule and policy releases (four-eyes)',
  },
];

/** What the CLI prints after seeding: who can sign in with the demo password, and as what. */
export interface DemoSignIn {
  email: string;
  roles: readonly Role[];
  description: string;
}

/** The human demo users (they all share the demo password). */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = Object.freeze(
  USERS.filter((u) => u.kind === 'human').map((u) => ({ email: `${u.local}@${DEMO_EMAIL_DOMAIN}`, roles: u.roles, description: u.description })),
);

/** One user as the seed writes it, with grants (entity ids resolved) and limits. */
export interface DemoUser {
  id: string;
  email: string;
  name: string;
  kind: 'human' | 'machine';
  grants: { id: string; role: Role; entityId: string | null }[];
  approvalLimits: { currency: string; amount: string }[];
}

/** The demo users; `entityIdByCode` maps entity codes (US01, …) to the seeded ids. */
export function buildDemoUsers(seed: number, entityIdByCode: ReadonlyMap<string, string>): DemoUser[] {
  const random = DemoRandom.stream(seed, 'users');
  let grantIndex = 0;
  return USERS.map((definition, index) => {
    const id = demoId(ID_PREFIX.user, random, index);
    const entityIds: (string | null)[] = definition.entities === null
      ? [null]
      : definition.entities.map((code) => {
        const entityId = entityIdByCode.get(code);
        if (entityId === undefined) throw new Error(`demo user ${definition.local}: unknown entity ${code}`);
        return entityId;
      });
    const grants = definition.roles.flatMap((role) => entityIds.map((entityId) => ({
      id: demoId(ID_PREFIX.roleGrant, random, (grantIndex += 1)),
      role,
      entityId,
    })));
    return {
      id,
      email: `${definition.local}@${DEMO_EMAIL_DOMAIN}`,
      name: definition.name,
      kind: definition.kind,
      grants,
      approvalLimits: (definition.limits ?? []).map(([currency, amount]) => ({ currency, amount })),
    };
  });
}
