/**
 * The age header for X25519 recipients with Node's native X25519, HKDF, HMAC and
 * ChaCha20-Poly1305 (the library's JavaScript X25519 costs about 2 ms a file, which is
 * 10 s over the 5,000 scans of a large bundle). Format, from age-encryption.org/v1:
 *
 *   age-encryption.org/v1
 *   -> X25519 <base64 ephemeral share>
 *   <base64 wrapped file key>
 *   --- <base64 HMAC-SHA256 over everything before the space>
 *
 * wrap key = HKDF-SHA256(X25519(ephemeral, recipient), salt = share ‖ recipient,
 * "age-encryption.org/v1/X25519"); the 16-byte file key is sealed with it under a zero
 * nonce; the MAC key is HKDF-SHA256(file key, no salt, "header"). `openHeader` returns
 * null for anything it does not handle (other stanza types), and the caller falls back
 * to the library; it never accepts a header whose MAC does not check.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

const INTRO = 'age-encryption.org/v1\n';
const X25519_LABEL = 'age-encryption.org/v1/X25519';
const PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64').replace(/=+$/, '');
function unb64(s: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*$/.test(s) || s.length % 4 === 1) return null;
  const b = Buffer.from(s, 'base64');
  return b64(b) === s ? b : null; // canonical encodings only, as age requires
}

function polymod(values: number[]): number {
  const G = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= G[i]!;
  }
  return chk;
}

/** The 32 bytes of an age1… recipient or AGE-SECRET-KEY-1… identity (bech32, checksum checked). */
function bech32Key(s: string): Buffer {
  const str = s.toLowerCase();
  const pos = str.lastIndexOf('1');
  const hrp = str.slice(0, pos);
  const data = [...str.slice(pos + 1)].map((c) => CHARSET.indexOf(c));
  if (pos < 1 || data.length < 6 || data.some((v) => v < 0)) throw new Error('age: malformed key');
  const expand = [...hrp]
    .map((c) => c.charCodeAt(0) >> 5)
    .concat(
      0,
      [...hrp].map((c) => c.charCodeAt(0) & 31),
    );
  if (polymod([...expand, ...data]) !== 1) throw new Error('age: key checksum mismatch');
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const v of data.slice(0, -6)) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) out.push((acc >> (bits -= 8)) & 0xff);
  }
  if (out.length !== 32) throw new Error('age: key length');
  return Buffer.from(out);
}

// Through JWK rather than SPKI DER: the same 32 bytes, without OpenSSL 3's DER decoder
// and encoder (about 80 µs each, twice per file over thousands of files).
const rawPublic = (k: KeyObject): Buffer => Buffer.from(k.export({ format: 'jwk' }).x!, 'base64url');
const publicOf = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });

const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: string): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
const macOf = (fileKey: Uint8Array, headerNoMac: Buffer): Buffer =>
  createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header'))
    .update(headerNoMac)
    .digest();

function sharedSecret(privateKey: KeyObject, share: Uint8Array): Buffer | null {
  const s = diffieHellman({ privateKey, publicKey: publicOf(share) });
  return s.every((b) => b === 0) ? null : s; // a low-order share
}

const recipients = new Map<string, { key: KeyObject; raw: Buffer }>();
const identities = new Map<string, { key: KeyObject; raw: Buffer }>();

export function sealHeader(to: readonly string[]): { header: Buffer; fileKey: Buffer } {
  const fileKey = randomBytes(16);
  let text = INTRO;
  for (const r of to) {
    let rec = recipients.get(r);
    if (!rec) {
      const raw = bech32Key(r);
      recipients.set(r, (rec = { key: publicOf(raw), raw }));
    }
    const eph = generateKeyPairSync('x25519');
    const share = rawPublic(eph.publicKey);
    const secret = diffieHellman({ privateKey: eph.privateKey, publicKey: rec.key });
    const wrapKey = hkdf(secret, Buffer.concat([share, rec.raw]), X25519_LABEL);
    const c = createCipheriv('chacha20-poly1305', wrapKey, Buffer.alloc(12), { authTagLength: 16 });
    const body = Buffer.concat([c.update(fileKey), c.final(), c.getAuthTag()]);
    text += `-> X25519 ${b64(share)}\n${b64(body)}\n`;
  }
  const noMac = Buffer.from(text + '---');
  return { header: Buffer.concat([noMac, Buffer.from(` ${b64(macOf(fileKey, noMac))}\n`)]), fileKey };
}

/** The file key from a header of X25519 stanzas, MAC checked; null when the header is of another kind. */
export function openHeader(identity: string, header: Buffer): Buffer | null {
  let id = identities.get(identity);
  if (!id) {
    const raw = bech32Key(identity);
    const key = createPrivateKey({ key: Buffer.concat([PKCS8, raw]), format: 'der', type: 'pkcs8' });
    identities.set(identity, (id = { key, raw: rawPublic(createPublicKey(key)) }));
  }
  const text = header.toString('latin1');
  const macAt = text.lastIndexOf('\n--- ');
  if (!text.startsWith(INTRO) || macAt < 0 || !text.endsWith('\n')) return null;
  const lines = text
    .slice(INTRO.length, macAt + 1)
    .split('\n')
    .slice(0, -1);
  const mac = unb64(text.slice(macAt + 5, -1));
  let fileKey: Buffer | null = null;
  for (let i = 0; i < lines.length; i += 2) {
    const m = /^-> X25519 ([A-Za-z0-9+/]{43})$/.exec(lines[i]!);
    const share = m ? unb64(m[1]!) : null;
    const body = lines[i + 1] !== undefined ? unb64(lines[i + 1]!) : null;
    if (!share || share.length !== 32 || !body || body.length !== 32) return null; // not the simple shape: the library decides
    if (fileKey) continue;
    const secret = sharedSecret(id.key, share);
    if (!secret) return null;
    const wrapKey = hkdf(secret, Buffer.concat([share, id.raw]), X25519_LABEL);
    const d = createDecipheriv('chacha20-poly1305', wrapKey, Buffer.alloc(12), { authTagLength: 16 });
    d.setAuthTag(body.subarray(16));
    try {
      fileKey = Buffer.concat([d.update(body.subarray(0, 16)), d.final()]);
    } catch {
      // another recipient's stanza
    }
  }
  if (!fileKey || !mac || mac.length !== 32) return null;
  if (!timingSafeEqual(mac, macOf(fileKey, Buffer.from(text.slice(0, macAt + 4), 'latin1')))) {
    throw new Error('age: invalid header MAC');
  }
  return fileKey;
}
