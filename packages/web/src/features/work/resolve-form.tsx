import { useState, type FormEvent } from 'react';
import { useSession } from '../../session/session.tsx';

type Resolution = 'overridden' | 'corrected_revalidated' | 'voided' | 'credited';
const LABELS: Record<Resolution, string> = {
  overridden: 'Override: let the document pass as it is',
  corrected_revalidated: 'Corrected: the data was fixed and the document passed again',
  voided: 'Voided: the document was voided',
  credited: 'Credited: the document was credited',
};

/** Resolve an exception (or, in bulk, several); overriding needs a reason and the override permission (the server checks both). */
export function ResolveForm({ exception, onResolve }: { exception: { id: string }; onResolve: (body: { resolution: Resolution; reason?: string }) => Promise<void> }) {
  const { can } = useSession();
  const choices = (Object.keys(LABELS) as Resolution[]).filter((r) => r !== 'overridden' || can('exceptions:override'));
  const [resolution, setResolution] = useState<Resolution>(choices[0]!);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `resolve-${exception.id}`;
  const needsReason = resolution === 'overridden';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await onResolve({ resolution, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setBusy(false);
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Resolve the exception">
      <label htmlFor={`${id}-how`}>How was it resolved?</label>
      <select id={`${id}-how`} value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
        {choices.map((r) => (
          <option key={r} value={r}>
            {LABELS[r]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>Reason{needsReason ? ' (required)' : ''}</label>
      <input id={`${id}-reason`} required={needsReason} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" disabled={busy || (needsReason && !reason.trim())}>
        Resolve
      </button>
    </form>
  );
}
