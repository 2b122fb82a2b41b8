import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { setSessionHint } from '../../session/session.tsx';
import { FormError } from '../../ui/states.tsx';

const DEMO_USERS = [
  ['controller', 'Controller'],
  ['approver', 'Approver'],
  ['ar.clerk', 'AR clerk (US, UK)'],
  ['auditor', 'Auditor'],
  ['admin', 'Administrator'],
] as const;

/** Email and password sign-in (sets the httpOnly session cookie), with the demo users one click away. */
export function SignInPage({ onSignedIn, notice }: { onSignedIn: () => void; notice: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/v1/auth/sign-in', { method: 'POST', body: { email, password } });
      setSessionHint(true);
      onSignedIn();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.explanation : String(failure));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title" className="card">
        <h1 id="sign-in-title">Sign in to invoiceops</h1>
        {notice && <p className="state notice" role="status">{notice}</p>}
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <FormError message={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <fieldset className="demo-users">
          <legend>Demo sign-ins (password invoiceops-demo)</legend>
          {DEMO_USERS.map(([local, label]) => (
            <button
              key={local}
              type="button"
              className="secondary"
              onClick={() => {
                setEmail(`${local}@demo.invoiceops.dev`);
                setPassword('invoiceops-demo');
              }}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </form>
    </main>
  );
}
