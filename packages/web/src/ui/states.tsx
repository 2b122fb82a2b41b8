import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';

/** A quiet "loading" line announced to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** An error in words, with a retry when one makes sense. */
export function ErrorNotice({ error, retry, title }: { error: ApiError | Error; retry?: () => void; title?: string }) {
  const text = 'explanation' in error ? (error as ApiError).explanation : error.message;
  return (
    <div className="state error" role="alert">
      <strong>{title ?? 'Something went wrong.'}</strong> {text}
      {retry && (
        <button type="button" className="link" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** What an empty list means, and what to do about it. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** A form's error in words (what the server or a check refused), or nothing when there is none. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="state error" role="alert">
      {message}
    </p>
  );
}
