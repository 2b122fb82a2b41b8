import { useState } from 'react';
import { api, ApiError, query } from '../../api/client.ts';
import type { ReleaseRecord, ReleaseSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useActorName } from '../../app/actors.tsx';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { dateTime } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { RELEASE_KINDS, ReleaseStateBadge, isReleaseKind, releaseKind, releasePath, type ReleaseKind } from './release-kinds.tsx';

/** The versions of the rule set, the approval policy or the ERP mappings, newest first, and the way to a new draft. */
export function RulesPage() {
  const { search } = useLocation();
  const kindParam = search.get('kind');
  const kind: ReleaseKind = isReleaseKind(kindParam) ? kindParam : 'rule_set';
  const list = useApi<{ data: ReleaseSummary[] }>(releasePath(kind));
  const name = useActorName();
  const { can } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const openDraft = list.data?.data.find((r) => r.state === 'draft');
  const inForce = list.data?.data.find((r) => r.state === 'in_force');

  const createDraft = async () => {
    setBusy(true);
    setError(null);
    try {
      const draft = await api<ReleaseRecord>(releasePath(kind), { method: 'POST', body: inForce ? { copyFromVersion: inForce.version } : {} });
      navigate(`/rules/${kind}/${draft.version}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(String(failure), 0, null));
      setBusy(false);
    }
  };

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Rules and policies</h1>
          <p className="subtitle">Versioned validation rules, approval policies and ERP mappings: draft, review the diff, simulate, and a second controller publishes.</p>
        </div>
        {can('controls:write') && (
          <div className="actions">
            {openDraft ? (
              <Link to={`/rules/${kind}/${openDraft.version}`}>Open the draft (v{openDraft.version})</Link>
            ) : (
              <button type="button" disabled={busy || !list.data} onClick={() => void createDraft()}>
                New draft{inForce ? ` from v${inForce.version} (in force)` : ''}
              </button>
            )}
          </div>
        )}
      </header>
      <nav className="tabs" aria-label="Release kinds">
        {RELEASE_KINDS.map((k) => (
          <Link key={k.kind} to={`/rules${query({ kind: k.kind === 'rule_set' ? undefined : k.kind })}`} aria-current={k.kind === kind ? 'page' : undefined} className={k.kind === kind ? 'current' : undefined}>
            {k.label}
          </Link>
        ))}
      </nav>
      {error && <ErrorNotice error={error} title="The draft could not be created." />}
      {list.error && <ErrorNotice error={list.error} retry={list.reload} title="The versions could not be loaded." />}
      {!list.data && list.loading && <Loading what="versions" />}
      {list.data && list.data.data.length === 0 && <Empty>{releaseKind(kind)?.empty}</Empty>}
      {list.data && list.data.data.length > 0 && (
        <table className="data">
          <caption className="sr-only">Versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col">Notes</th>
              <th scope="col">Author</th>
              <th scope="col">Published by</th>
              <th scope="col">Effective from</th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/rules/${kind}/${r.version}`}>v{r.version}</Link>
                </td>
                <td>
                  <ReleaseStateBadge state={r.state} />
                </td>
                <td className="small">{r.notes ?? '—'}</td>
                <td>{name(r.author)}</td>
                <td>{r.publishedBy ? name(r.publishedBy) : '—'}</td>
                <td>{dateTime(r.effectiveFrom)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
