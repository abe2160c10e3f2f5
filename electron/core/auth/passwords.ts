import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEYLEN = 32;
const R = 8;
const P = 1;

let verifications = 0;

/**
 * scrypt (memory-hard): N=2^15, r=8 uses 32 MB and ~0.1 s per hash on a station PC.
 * Parameters are stored with the hash so they can be raised later without breaking logins.
 */
export function hashPassword(password: string, cost = 2 ** 15): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEYLEN, { N: cost, r: R, p: P, maxmem: 256 * cost * R });
  return ['scrypt', cost, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * A well-formed hash of the given cost that no password matches (its "hash" is zeros, its salt
 * fixed). Login verifies against it when the user name is unknown, so that a refusal costs one
 * scrypt either way and its time does not tell which user names exist. Nothing is precomputed:
 * verifying takes the same work whatever salt and hash the string holds.
 */
export function dummyHash(cost: number): string {
  const salt = Buffer.alloc(16, 0x5a).toString('base64');
  return ['scrypt', cost, R, P, salt, Buffer.alloc(KEYLEN).toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n);
  const rr = Number(r);
  const expected = Buffer.from(hash, 'base64');
  verifications++;
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: rr,
    p: Number(p),
    maxmem: 256 * N * rr,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * How many scrypt verifications this process has run. Tests read it to check that login does
 * the same work for every user name without timing anything.
 */
export const verificationCount = (): number => verifications;
