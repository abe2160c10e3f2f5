/**
 * Private keys are sealed at rest by a key vault. Serve mode and the CLI use a
 * passphrase (scrypt → AES-256-GCM); the desktop shell can register a vault backed by
 * Electron's safeStorage instead (`setKeyVault`), since core never imports Electron.
 * A sealed value names its vault kind, so a later switch can re-seal old keys.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { type CoreContext, AppError, defineService, serviceOf } from '../kernel';

export interface KeyVault {
  readonly kind: string;
  /** Seals a private key; `label` is bound in (a sealed key cannot be moved to another row). */
  seal(plain: Buffer, label: string): string;
  open(sealed: string, label: string): Buffer;
}

interface Sealed {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  alg: 'aes-256-gcm';
  iv: string;
  tag: string;
  ct: string;
}

/** Passphrase vault: one scrypt-derived key per sealed value (its own salt). */
export class PassphraseVault implements KeyVault {
  readonly kind = 'passphrase';
  constructor(
    private readonly passphrase: string,
    private readonly cost = 2 ** 15,
  ) {
    if (passphrase.length < 8) throw new AppError('KEY_PASSPHRASE_WEAK');
  }

  seal(plain: Buffer, label: string): string {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = this.derive(salt, this.cost, 8, 1);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(label));
    const ct = Buffer.concat([c.update(plain), c.final()]);
    const s: Sealed = {
      v: 1,
      kdf: 'scrypt',
      N: this.cost,
      r: 8,
      p: 1,
      salt: salt.toString('base64'),
      alg: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: c.getAuthTag().toString('base64'),
      ct: ct.toString('base64'),
    };
    return JSON.stringify(s);
  }

  open(sealed: string, label: string): Buffer {
    const s = JSON.parse(sealed) as Sealed;
    const key = this.derive(Buffer.from(s.salt, 'base64'), s.N, s.r, s.p);
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
    d.setAAD(Buffer.from(label));
    d.setAuthTag(Buffer.from(s.tag, 'base64'));
    try {
      return Buffer.concat([d.update(Buffer.from(s.ct, 'base64')), d.final()]);
    } catch {
      throw new AppError('KEY_PASSPHRASE_WRONG');
    }
  }

  /**
   * Derived keys by salt and cost: scrypt is slow on purpose (about 0.1–0.4 s), and every
   * export, import and verify opens one or two keys. The vault already holds the
   * passphrase in memory, so remembering what it derives exposes nothing more.
   */
  private readonly derived = new Map<string, Buffer>();

  private derive(salt: Buffer, N: number, r: number, p: number): Buffer {
    const id = `${salt.toString('base64')}:${N}:${r}:${p}`;
    let key = this.derived.get(id);
    if (!key) {
      key = scryptSync(this.passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
      this.derived.set(id, key);
    }
    return key;
  }
}

/** The unlocked vault of one core (none until the shell, the CLI or an unlock call sets it). */
const vaults = defineService({ name: 'sync.vault', create: (): { vault: KeyVault | null } => ({ vault: null }) });

/** The shell (safeStorage), the CLI (passphrase) or an unlock call registers the vault for a core. */
export function setKeyVault(ctx: CoreContext, vault: KeyVault | null): void {
  serviceOf(ctx, vaults).vault = vault;
}

export function vaultOf(ctx: CoreContext): KeyVault {
  const v = serviceOf(ctx, vaults).vault;
  if (!v) throw new AppError('KEYS_LOCKED');
  return v;
}

export const hasVault = (ctx: CoreContext): boolean => serviceOf(ctx, vaults).vault !== null;
