import { useEffect, useRef, useState } from 'react';
import type { Retention, VolumeView } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';

/** Volumes of one category and year (for 所属案卷 selects). */
export function useVolumes(categoryId: string, year: number | null, enabled: boolean, nonce = 0): VolumeView[] {
  const [volumes, setVolumes] = useState<VolumeView[]>([]);
  useEffect(() => {
    if (!enabled || !categoryId || year === null) {
      setVolumes([]);
      return;
    }
    let alive = true;
    call('volumes.list', { scope: { categoryId, year } })
      .then((v) => alive && setVolumes(v.filter((x) => !x.deletedAt)))
      .catch(() => alive && setVolumes([]));
    return () => {
      alive = false;
    };
  }, [categoryId, year, enabled, nonce]);
  return volumes;
}

export interface CodeTarget {
  categoryId: string;
  year: number | null;
  retention: Retention | '';
  orgCode: string;
  volumeId: string;
}

/**
 * A debounced 档号 preview: `key` identifies the target (null = nothing to ask);
 * `fetchCode` is called 200 ms after the key last changed, stale answers are dropped.
 */
function useCodePreview(key: string | null, fetchCode: () => Promise<string>, nonce = 0) {
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fetchRef = useRef(fetchCode);
  fetchRef.current = fetchCode;
  useEffect(() => {
    if (key === null) {
      setCode(null);
      setError(null);
      return;
    }
    let alive = true;
    const timer = window.setTimeout(() => {
      fetchRef
        .current()
        .then((c) => {
          if (!alive) return;
          setCode(c);
          setError(null);
        })
        .catch((err: unknown) => {
          if (!alive) return;
          setCode(null);
          setError(errorMessage(err));
        });
    }, 200);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [key, nonce]);
  return { code, error };
}

/** The next 档号 for a target, re-queried (debounced) whenever the target changes. */
export function useNextCode(target: CodeTarget, enabled: boolean, nonce: number) {
  const { categoryId, year, retention, orgCode, volumeId } = target;
  const key =
    enabled && categoryId && year !== null
      ? JSON.stringify([categoryId, year, retention, orgCode.trim(), volumeId])
      : null;
  return useCodePreview(
    key,
    () =>
      call('catalogue.nextCode', {
        categoryId,
        year: year!,
        ...(retention ? { retention } : {}),
        orgCode: orgCode.trim(),
        volumeId: volumeId || null,
      }).then((r) => r.archiveCode),
    nonce,
  );
}

export interface VolumeCodeTarget {
  categoryId: string;
  year: number | null;
  retention: Retention | '';
  orgCode: string;
}

/** The next 案卷档号 (volumes.nextCode), re-queried (debounced) when 门类/年度/保管期限/机构 change. */
export function useNextVolumeCode(target: VolumeCodeTarget, enabled: boolean) {
  const { categoryId, year, retention, orgCode } = target;
  const key =
    enabled && categoryId && year !== null ? JSON.stringify([categoryId, year, retention, orgCode.trim()]) : null;
  return useCodePreview(key, () =>
    call('volumes.nextCode', {
      categoryId,
      year: year!,
      ...(retention ? { retention } : {}),
      orgCode: orgCode.trim(),
    }).then((r) => r.archiveCode),
  );
}
