import { useEffect, useState } from 'react';
import { query } from '../../api/client.ts';
import type { CustomerSummary, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';

/**
 * Type part of a customer's name or number, pick one of the matches (the server searches).
 * Once chosen, the customer shows as a chip with a button to clear it.
 */
export function CustomerPicker({ id, value, onChange, entityId = '', label = 'Customer' }: { id: string; value: string; onChange: (customerId: string) => void; entityId?: string; label?: string }) {
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);
  const chosen = useApi<CustomerSummary>(value ? `/v1/customers/${encodeURIComponent(value)}` : null);
  const matches = useApi<Page<CustomerSummary>>(debounced.length >= 2 && !value ? `/v1/customers${query({ q: debounced, entityId, limit: 8 })}` : null);

  if (value) {
    return (
      <div className="field">
        <span className="label">{label}</span>
        <span className="chip">
          {chosen.data ? `${chosen.data.name} (${chosen.data.number})` : chosen.error ? `${value} (${chosen.error.message})` : value}
          <button type="button" className="link" aria-label={`Clear the ${label.toLowerCase()}`} onClick={() => onChange('')}>
            ×
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="field customer-picker">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" placeholder="Name or number" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      {matches.error && <span className="error-text small">{matches.error.explanation}</span>}
      {matches.data && debounced.length >= 2 && (
        <ul className="suggestions" aria-label="Matching customers">
          {matches.data.data.length === 0 && <li className="muted">No customer matches “{debounced}”.</li>}
          {matches.data.data.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setText('');
                  onChange(c.id);
                }}
              >
                {c.name} <span className="muted">{c.number}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
