import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client';

/**
 * A button's call to the core: busy while it runs, the Chinese error message when it
 * fails. Screens keep their own success handling inside `run`.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
