import { createContext, useContext, type ReactNode } from 'react';
import type { LegalEntity, Page } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';

const EntitiesContext = createContext<LegalEntity[]>([]);

/** The legal entities the user may read, loaded once for filters and labels. */
export function EntitiesProvider({ children }: { children: ReactNode }) {
  const { data } = useApi<Page<LegalEntity>>('/v1/legal-entities?limit=100');
  return <EntitiesContext.Provider value={data?.data ?? []}>{children}</EntitiesContext.Provider>;
}

export function useEntities(): LegalEntity[] {
  return useContext(EntitiesContext);
}

/** The entity's code (US01) for an id, or the id while entities load. */
export function useEntityCode(): (id: string) => string {
  const entities = useEntities();
  return (id) => entities.find((e) => e.id === id)?.code ?? id;
}

/**
 * A select of the user's entities; "" means all. With `only`, just those entities and no
 * "all" choice (an action the user may take in some entities only).
 */
export function EntitySelect({ value, onChange, id, only }: { value: string; onChange: (value: string) => void; id: string; only?: readonly string[] }) {
  const entities = useEntities().filter((e) => !only || only.includes(e.id));
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {!only && <option value="">All entities</option>}
      {entities.map((e) => (
        <option key={e.id} value={e.id}>
          {e.code} — {e.legalName}
        </option>
      ))}
    </select>
  );
}
