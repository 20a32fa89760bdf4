import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `delayMs`: work that reads it runs once per pause, not per keystroke. */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
