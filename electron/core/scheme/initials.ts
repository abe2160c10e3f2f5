import { pinyin } from 'pinyin-pro';

/**
 * Lower-case pinyin initials of a category name (迁入 → qr), so the category picker finds it by
 * typing them. Computed here because pinyin-pro's dictionary is too large for the renderer.
 * Letters and digits in the name are kept as they are (A类 → al).
 */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
