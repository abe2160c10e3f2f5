import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { base64Bytes } from './bytes';

export interface PdfPreview<R> {
  result: R;
  blob: Blob;
  /** A blob URL for the preview iframe, revoked when the request changes or the dialog closes. */
  url: string;
}

/**
 * The PDF a print request returns, as a blob for the in-app preview and for 保存 PDF. A new
 * request (another document, sheet or start cell) drops the old PDF and its URL; an answer
 * that arrives after the next request started is ignored. `request` must be memoised.
 */
export function usePdfPreview<R extends { base64: string }>(request: (() => Promise<R>) | null) {
  const [ready, setReady] = useState<PdfPreview<R> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Cleared first, also while no request is ready yet: the old PDF is never saved for the new choice.
    setReady(null);
    setError(null);
    if (!request) return;
    let alive = true;
    let url: string | null = null;
    request()
      .then((result) => {
        if (!alive) return;
        const blob = new Blob([base64Bytes(result.base64)], { type: 'application/pdf' });
        url = URL.createObjectURL(blob);
        setReady({ result, blob, url });
      })
      .catch((err: unknown) => alive && setError(errorMessage(err)));
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [request]);
  return { ready, error, setError };
}
