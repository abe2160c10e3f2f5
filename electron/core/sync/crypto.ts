/**
 * The two primitives of the protocol: Ed25519 signatures (Node's crypto; raw 64-byte
 * signatures over the bytes, the form `openssl pkeyutl -verify -rawin` checks) and age
 * X25519 encryption (npm `age-encryption`, whose output Debian's `age -d` reads).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { decryptBytes, decryptStream, encryptBytes, encryptStream } from './age-native';

export const ALG_SUITE = 'Ed25519+age-X25519+SHA-256';

export interface SigningKeyPair {
  publicPem: string;
  privatePem: string;
}

export function generateSigningKey(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A key's fingerprint: SHA-256 of its SPKI DER (`openssl pkey -pubin -in k.pem -outform DER | sha256sum`). */
export function fingerprintOf(publicPem: string): string {
  const der = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/** Parses a PEM public key, or null when it is not an Ed25519 key. */
export function parsePublicKey(publicPem: string): KeyObject | null {
  try {
    const k = createPublicKey(publicPem);
    return k.asymmetricKeyType === 'ed25519' ? k : null;
  } catch {
    return null;
  }
}

export const signBytes = (privatePem: string, data: Uint8Array): Buffer =>
  sign(null, data, createPrivateKey(privatePem));

export function verifyBytes(publicPem: string, data: Uint8Array, signature: Uint8Array): boolean {
  const key = parsePublicKey(publicPem);
  if (!key || signature.length !== 64) return false;
  try {
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export interface AgeIdentity {
  identity: string;
  recipient: string;
}

export async function generateAgeIdentity(): Promise<AgeIdentity> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Encrypts to X25519 recipients (the payload with Node's native cipher, see age-native.ts). */
export async function ageEncrypt(recipients: readonly string[], plain: Uint8Array): Promise<Uint8Array> {
  if (recipients.every((r) => AGE_RECIPIENT.test(r))) return encryptBytes(recipients, plain);
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(plain);
}

/** Encrypts a stream (large scans are never held in memory whole). */
export async function ageEncryptStream(
  recipients: readonly string[],
  plain: ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  if (recipients.every((r) => AGE_RECIPIENT.test(r))) return encryptStream(recipients, plain);
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(plain);
}

/** Decrypts with an X25519 identity; the header (and its MAC) through the library, the payload natively. */
export async function ageDecrypt(identity: string, cipher: Uint8Array): Promise<Uint8Array> {
  return decryptBytes(identity, cipher);
}

export async function ageDecryptStream(
  identity: string,
  cipher: ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  return decryptStream(identity, cipher);
}

/**
 * The ciphertext size age produces for a plaintext: header (≤ 256 bytes per recipient
 * plus the nonce and MAC lines) and a 16-byte tag per 64 KiB chunk. Used to check the
 * stick has room before anything is written.
 */
export function ageSizeBound(plainSize: number, recipients: number): number {
  const chunks = Math.max(1, Math.ceil(plainSize / 65536));
  return plainSize + chunks * 16 + 16 + 200 + 256 * recipients;
}
