import { describe, expect, it } from 'vitest';
import { FINGERPRINT_WORDS, fingerprintView } from '../../electron/core/sync/fingerprint';
import { canonicalJson } from '../../electron/core/sync/entities';
import { parseManifest, formatManifest } from '../../electron/core/sync/bagit';

describe('sync helpers', () => {
  it('has 256 distinct two-character fingerprint words, one per byte', () => {
    expect(FINGERPRINT_WORDS).toHaveLength(256);
    expect(new Set(FINGERPRINT_WORDS).size).toBe(256);
    expect(FINGERPRINT_WORDS.every((w) => /^[\u4e00-\u9fff]{2}$/.test(w))).toBe(true);
    const v = fingerprintView('00ff' + '1'.repeat(60));
    expect(v.words.split(' ')).toHaveLength(8);
    expect(v.words.startsWith(`${FINGERPRINT_WORDS[0]} ${FINGERPRINT_WORDS[255]}`)).toBe(true);
    expect(v.hex.split(' ')).toHaveLength(16);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('manifests are sorted, sha256sum-compatible, and refuse paths leaving the bag', () => {
    const text = formatManifest([
      { sha256: 'b'.repeat(64), path: 'data/z.age' },
      { sha256: 'a'.repeat(64), path: 'bag-info.txt' },
    ]);
    expect(text).toBe(`${'a'.repeat(64)}  bag-info.txt\n${'b'.repeat(64)}  data/z.age\n`);
    expect(parseManifest(text)).toHaveLength(2);
    expect(parseManifest(`${'a'.repeat(64)}  ../etc/passwd\n`)).toBeNull();
    expect(parseManifest(`${'a'.repeat(64)}  /etc/passwd\n`)).toBeNull();
  });
});
