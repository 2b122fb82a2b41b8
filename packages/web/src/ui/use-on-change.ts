import { useEffect, useRef } from 'react';

/**
 * Calls `action` when `value` changes from one known value to another (not when it first
 * becomes known): what a page does when something it shows moved on by itself, such as an
 * invoice the worker posted while the page was open.
 */
export function useOnChange<T>(value: T | undefined, action: () => void): void {
  const seen = useRef(value);
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (seen.current !== undefined && value !== undefined && seen.current !== value) latest.current();
    seen.current = value;
  }, [value]);
}
