import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Load again (after an action changed the data). */
  reload: () => void;
}

/** GETs `path` (none while it is null), again whenever it changes; the last answer stays shown while reloading. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; path: string | null }>({ loading: path !== null, path });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (path === null) {
      setState({ loading: false, path });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...(s.path === path ? s : {}), loading: true, error: undefined, path }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, loading: false, path }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof ApiError ? error : new ApiError(String((error as Error).message ?? error), 0, null);
        setState({ error: failure, loading: false, path });
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  return { data: state.path === path ? state.data : undefined, error: state.error, loading: state.loading, reload };
}
