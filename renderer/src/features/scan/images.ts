/**
 * Page images as data URLs: fetched through `pages.image`, a few at a time, kept in a
 * small least-recently-used cache (a rotated page is a new image, so rotation is in the key).
 */
import { useEffect, useState, type RefObject } from 'react';
import type { MethodInput } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';
import { registerUserCache, sameUser } from '../../stores/define';

export type ImageRequest = MethodInput<'pages.image'>;
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Total characters of data URLs kept (≈ bytes of memory, twice over for UTF-16). */
const CACHE_CHARS = 40_000_000;
const PARALLEL = 4;

const cache = new Map<string, string>();
let cachedChars = 0;
const inflight = new Map<string, Promise<string>>();
let active = 0;
const waiting: (() => void)[] = [];

// Another user at this PC must not be shown images fetched under the last one's clearance.
registerUserCache('pageImages', () => {
  cache.clear();
  cachedChars = 0;
});

const keyOf = (req: ImageRequest, rotation: number): string =>
  `${req.id}|${req.variant ?? 'preview'}|${rotation}|${req.box ? `${req.box.x},${req.box.y},${req.box.w},${req.box.h}` : ''}`;

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await fn();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

function remember(key: string, url: string): void {
  cache.set(key, url);
  cachedChars += url.length;
  for (const [k, v] of cache) {
    if (cachedChars <= CACHE_CHARS || k === key) break;
    cache.delete(k);
    cachedChars -= v.length;
  }
}

export function loadPageImage(req: ImageRequest, rotation = 0): Promise<string> {
  const key = keyOf(req, rotation);
  const hit = cache.get(key);
  if (hit) {
    // Move to the young end.
    cache.delete(key);
    cache.set(key, hit);
    return Promise.resolve(hit);
  }
  const pending = inflight.get(key);
  if (pending) return pending;
  const current = sameUser();
  const p = limited(() => call('pages.image', req))
    .then((img) => {
      const url = `data:${img.mime};base64,${img.base64}`;
      // An image asked for by the previous user is handed over but not kept.
      if (current()) remember(key, url);
      return url;
    })
    .finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/** A field's box in whole pixels, inside the page where its size is known. */
export function clampBox(box: Box, width: number | null, height: number | null): Box | null {
  let x = Math.max(0, Math.floor(box.x));
  let y = Math.max(0, Math.floor(box.y));
  let w = Math.ceil(box.w);
  let h = Math.ceil(box.h);
  if (width) {
    x = Math.min(x, width - 1);
    w = Math.min(w, width - x);
  }
  if (height) {
    y = Math.min(y, height - 1);
    h = Math.min(h, height - y);
  }
  return w >= 1 && h >= 1 ? { x, y, w, h } : null;
}

/** True once the element has come near the viewport (thumbnails load lazily). */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '200px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, near]);
  return near;
}

/**
 * The image for a request (null = don't load yet); a late answer for an older request is
 * dropped. While a rotated page reloads, its previous image stays up.
 */
export function usePageImage(
  req: ImageRequest | null,
  rotation = 0,
): { url: string | null; error: string | null; loading: boolean } {
  const key = req ? keyOf(req, rotation) : null;
  const [state, setState] = useState<{ key: string | null; url: string | null; error: string | null }>({
    key: null,
    url: null,
    error: null,
  });

  useEffect(() => {
    if (!key || !req) return;
    let live = true;
    loadPageImage(req, rotation).then(
      (url) => live && setState({ key, url, error: null }),
      (err: unknown) => live && setState({ key, url: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
    // `key` stands for every part of the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!key) return { url: null, error: null, loading: false };
  if (state.key === key) return { url: state.url, error: state.error, loading: false };
  // Same page, variant and box, only turned: keep showing it.
  const unturned = (k: string) => k.replace(/\|-?\d+\|/, '||');
  const samePage = !!state.key && unturned(state.key) === unturned(key);
  return { url: samePage ? state.url : null, error: null, loading: true };
}
