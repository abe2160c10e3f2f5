import { useEffect, useState } from 'react';
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

/** The next 档号 for a target, re-queried (debounced) whenever the target changes. */
export function useNextCode(target: CodeTarget, enabled: boolean, nonce: number) {
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { categoryId, year, retention, orgCode, volumeId } = target;
  useEffect(() => {
    if (!enabled || !categoryId || year === null) {
      setCode(null);
      setError(null);
      return;
    }
    let alive = true;
    const timer = window.setTimeout(() => {
      call('catalogue.nextCode', {
        categoryId,
        year,
        ...(retention ? { retention } : {}),
        orgCode: orgCode.trim(),
        volumeId: volumeId || null,
      })
        .then((r) => {
          if (!alive) return;
          setCode(r.archiveCode);
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
  }, [categoryId, year, retention, orgCode, volumeId, enabled, nonce]);
  return { code, error };
}
