import { useState } from 'react';
import type { ErpMappingContent, ReleaseRecord, ReleaseSummary, ValidationRule } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useActorName } from '../../app/actors.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../session/session.tsx';
import { dateTime } from '../../ui/format.ts';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { AuditTrail } from '../invoices/audit-trail.tsx';
import { DraftEditor } from './draft-editor.tsx';
import { PublishPanel } from './publish-panel.tsx';
import { ReleaseDiff } from './release-diff.tsx';
import { MappingTables } from './mapping-tables.tsx';
import { ReleaseStateBadge, releaseKind, releaseName, releasePath } from './release-kinds.tsx';
import { RuleTable } from './rule-table.tsx';
import { SimulationPanel } from './simulation-panel.tsx';

/** One version of a rule set, approval policy or ERP mapping: who and when, its content, the diff, and — for a draft — edit, simulate, publish. */
export function ReleasePage({ kind, version }: { kind: string; version: number }) {
  const { can } = useSession();
  const name = useActorName();
  const release = useApi<ReleaseRecord>(releasePath(kind, version));
  const versions = useApi<{ data: ReleaseSummary[] }>(releasePath(kind));
  const [notice, setNotice] = useState<string | null>(null);
  const back = `/rules${kind === 'rule_set' ? '' : `?kind=${kind}`}`;
  const reload = () => {
    release.reload();
    versions.reload();
  };

  if (release.error) {
    return (
      <>
        <h1>{releaseName(kind, version)}</h1>
        <ErrorNotice error={release.error} retry={release.reload} title="The version could not be loaded." />
        <Link to={back}>Back to rules and policies</Link>
      </>
    );
  }
  if (!release.data) return <Loading what={releaseName(kind, version)} />;
  const r = release.data;
  const isDraft = r.state === 'draft';
  const rules = kind === 'rule_set' && Array.isArray(r.content.rules) ? (r.content.rules as ValidationRule[]) : null;
  const mapping = kind === 'erp_mapping' && typeof r.content.connections === 'object' && r.content.connections !== null ? (r.content as unknown as ErpMappingContent) : null;
  const simulated = releaseKind(kind)?.simulated ?? true;
  const inForce = versions.data?.data.find((v) => v.state === 'in_force');

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={back}>Rules and policies</Link> / {releaseName(kind, version)}
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {releaseName(kind, version)} <ReleaseStateBadge state={r.state} />
          </h1>
          {r.notes && <p className="subtitle">{r.notes}</p>}
        </div>
      </header>
      {notice && (
        <p className="state notice" role="status">
          {notice}
        </p>
      )}
      <dl className="facts">
        <dt>Author</dt>
        <dd>{name(r.author)}</dd>
        <dt>Edited by</dt>
        <dd>{r.editors.length ? r.editors.map(name).join(', ') : '—'}</dd>
        <dt>Based on</dt>
        <dd>{r.basedOnVersion ? `v${r.basedOnVersion}` : '—'}</dd>
        <dt>Published by</dt>
        <dd>{r.publishedBy ? `${name(r.publishedBy)}, ${dateTime(r.publishedAt)}` : '—'}</dd>
        <dt>Effective from</dt>
        <dd>{dateTime(r.effectiveFrom)}</dd>
        <dt>Revision</dt>
        <dd>{r.revision}</dd>
      </dl>

      {versions.data && <ReleaseDiff key={`diff-${r.revision}`} kind={kind} version={version} versions={versions.data.data} defaultFrom={r.basedOnVersion ?? inForce?.version ?? null} />}

      {isDraft && can('controls:write') && <DraftEditor key={`editor-${r.id}`} release={r} onSaved={reload} />}
      {isDraft && simulated && can('controls:write') && <SimulationPanel kind={kind} version={version} revision={r.revision} />}
      {isDraft && can('controls:publish') && <PublishPanel release={r} onPublished={(text) => {
        setNotice(text);
        reload();
      }} />}

      <section aria-labelledby="content-title">
        <h2 id="content-title">{rules ? `Rules (${rules.length})` : mapping ? `Connections (${Object.keys(mapping.connections).length})` : 'Policy'}</h2>
        {rules ? <RuleTable rules={rules} /> : mapping ? <MappingTables content={mapping} /> : <pre className="json">{JSON.stringify(r.content, null, 2)}</pre>}
      </section>

      {can('audit:read') && <AuditTrail key={`audit-${r.revision}-${r.state}`} objectType="control_release" objectId={r.id} />}
    </>
  );
}
