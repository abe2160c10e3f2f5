/**
 * Finishes a bag on the stick: payload manifest, bagit.txt, bag-info.txt (with the
 * Payload-Oxum), VERIFY.txt and key files, the tag manifest over all of them, and the
 * signature of the tag manifest written last as the commit marker.
 */
import { BAGIT_TXT, MANIFEST, SIGNATURE, TAGMANIFEST, formatBagInfo, formatManifest, oxum } from './bagit';
import { sha256Hex, signBytes } from './crypto';
import type { BundleWriter, WrittenFile } from './stick-writer';

export interface SignedBag {
  bundleId: string;
  tagmanifest: Buffer;
  signature: Buffer;
  bytes: number;
}

export function finishBag(
  w: BundleWriter,
  opts: {
    payload: readonly WrittenFile[];
    info: readonly (readonly [string, string | number])[];
    tags: readonly { path: string; text: string }[];
    privatePem: string;
    /** Called with the bundle's id after signing, before the signature (the commit marker) is written. */
    beforeCommitMarker?: (bundleId: string) => void;
  },
): SignedBag {
  const payloadBytes = opts.payload.reduce((n, f) => n + f.size, 0);
  const written: WrittenFile[] = [];
  written.push(w.writeFile(MANIFEST, Buffer.from(formatManifest(opts.payload))));
  written.push(w.writeFile('bagit.txt', Buffer.from(BAGIT_TXT)));
  const info = [...opts.info, ['Payload-Oxum', oxum(payloadBytes, opts.payload.length)] as const];
  written.push(w.writeFile('bag-info.txt', Buffer.from(formatBagInfo(info))));
  for (const t of opts.tags) written.push(w.writeFile(t.path, Buffer.from(t.text)));
  const tagmanifest = Buffer.from(formatManifest(written));
  w.writeFile(TAGMANIFEST, tagmanifest);
  const signature = signBytes(opts.privatePem, tagmanifest);
  const bundleId = sha256Hex(Buffer.concat([tagmanifest, signature]));
  opts.beforeCommitMarker?.(bundleId);
  w.writeFile(SIGNATURE, signature);
  const bytes = payloadBytes + written.reduce((n, f) => n + f.size, 0) + tagmanifest.length + signature.length;
  return { bundleId, tagmanifest, signature, bytes };
}

/** The stock-tool instructions every bundle carries, in Chinese and English. */
export function verifyText(kind: 'changes' | 'enrollment' | 'downlink', signer: string, fingerprint: string): string {
  const signerZh = kind === 'changes' ? '派出所' : '县局';
  const keyFile = kind === 'changes' ? 'station.pub.pem' : 'bureau.pub.pem';
  const lines = [
    '档案 Dangan 数据包校验说明 / How to verify this bundle with stock tools',
    '',
    `签名方 / Signed by: ${signer}`,
    `签名密钥指纹 / Signing key fingerprint (SHA-256 of the SPKI DER): ${fingerprint}`,
    '',
    '1. 完整性（无需密钥）/ Integrity, no keys needed:',
    '   sha256sum -c tagmanifest-sha256.txt',
    '   sha256sum -c manifest-sha256.txt',
    '',
    `2. 真实性 / Authenticity (${signerZh}公钥；先核对指纹 / check the key's fingerprint first):`,
    `   openssl pkey -pubin -in keys/${keyFile} -outform DER | sha256sum`,
    `   openssl pkeyutl -verify -pubin -inkey keys/${keyFile} -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig`,
    '   包内公钥只是声明；应与县局信任列表（dangan keys public --pem）中的公钥比对。',
    '   The key inside the bundle is only a claim: compare it with the key in the trust list.',
    '',
  ];
  if (kind === 'downlink') {
    lines.push(
      '3. 内容 / Content: data/downlink.json 未加密（分类方案、表单模板和公钥都不是秘密）。',
      '   data/downlink.json is not encrypted: the scheme, templates and public keys are not secret.',
      '',
    );
  }
  if (kind === 'changes') {
    lines.push(
      '3. 解密 / Decrypt (县局身份文件 / bureau identity: dangan keys export-identity --out bureau-identity.txt):',
      '   age -d -i bureau-identity.txt data/changes.ndjson.age > changes.ndjson',
      '   for f in data/files/*.age; do age -d -i bureau-identity.txt "$f" | sha256sum; done',
      '   每个扫描文件解密后的 SHA-256 等于其文件名（分卷 .partNNN 依次拼接后）。',
      '   Each scan decrypts to bytes whose SHA-256 is its file name (parts .partNNN concatenated in order).',
      '',
      '4. 数据包标识 / Bundle-Id:',
      '   cat tagmanifest-sha256.txt tagmanifest-sha256.txt.sig | sha256sum',
      '',
    );
  }
  return lines.join('\n');
}
