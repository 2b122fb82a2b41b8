import type { Page, UserSummary } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useSession } from '../session/session.tsx';

/**
 * Names the actor strings of releases and audit rows (`user:usr_…` → "Daniel Okafor").
 * Reading users needs `users:read`; without it the actor string is shown as it is.
 */
export function useActorName(): (actor: string | null | undefined) => string {
  const { can, me } = useSession();
  const users = useApi<Page<UserSummary>>(can('users:read') ? '/v1/users?limit=100' : null);
  return (actor) => {
    if (!actor) return '—';
    const id = actor.startsWith('user:') ? actor.slice(5) : null;
    if (id === me.user.id) return `${me.user.name} (you)`;
    const user = id ? users.data?.data.find((u) => u.id === id) : undefined;
    return user ? user.name : actor;
  };
}
