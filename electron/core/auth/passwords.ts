import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEYLEN = 32;

/**
 * scrypt (memory-hard): N=2^15, r=8 uses 32 MB and ~0.1 s per hash on a station PC.
 * Parameters are stored with the hash so they can be raised later without breaking logins.
 */
export function hashPassword(password: string, cost = 2 ** 15): string {
  const salt = randomBytes(16);
  const r = 8;
  const p = 1;
  const hash = scryptSync(password.normalize('NFC'), salt, KEYLEN, { N: cost, r, p, maxmem: 256 * cost * r });
  return ['scrypt', cost, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: 256 * N * R,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
