import { pinyin } from 'pinyin-pro';

/**
 * Lower-case pinyin initials of a category name (迁入 → qr), so the category picker finds it by
 * typing them. Computed here because pinyin-pro's dictionary is too large for the renderer.
 * Letters and digits in the name are kept as they are (A类 → al).
 */
export function nameInitials(name: string): string {
  // The scheme view is rebuilt after every write; its few dozen names rarely change.
  const hit = memo.get(name);
  if (hit !== undefined) return hit;
  const out = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (memo.size > 10_000) memo.clear();
  memo.set(name, out);
  return out;
}

const memo = new Map<string, string>();
