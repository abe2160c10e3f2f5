/**
 * Bureau: what a bundle folder holds and who signed it, changing nothing. The import screen
 * shows this first: for a station's first bundle the signing key is not on the trust list
 * yet, and the operator compares its fingerprint with the one on the station's screen
 * before accepting it (`sync.bundle.import` with `acceptKey`).
 */
import path from 'node:path';
import type { BundleInspectView } from '../../contract/sync-conflicts';
import { type CoreContext, readBoundedFile } from '../kernel';
import { intField } from './bagit';
import { TAG_MAX_BYTES, mainProblem, readBundleAsync } from './bundle-read';
import { fingerprintView } from './fingerprint';
import { parseHeader } from './import';
import { requireRole } from './state';
import { checkSignature, stationRow } from './trust';

function readTag(dir: string, rel: string): string | null {
  try {
    return readBoundedFile(path.join(dir, ...rel.split('/')), TAG_MAX_BYTES).toString('utf8');
  } catch {
    return null;
  }
}

export async function inspectBundle(ctx: CoreContext, dir: string): Promise<BundleInspectView> {
  requireRole(ctx, 'bureau');
  // Hashed off the request path: a large payload on the stick stalls no other caller.
  const rb = await readBundleAsync(dir);
  const info = rb.info;
  const h = parseHeader(info);
  const p = mainProblem(rb.problems);
  const stationId = h?.stationId ?? info?.['Station-Id'] ?? null;
  const view: BundleInspectView = {
    dir: path.resolve(dir),
    type: info?.['Bundle-Type'] ?? null,
    stationId,
    stationName: info?.['Station-Name'] ?? null,
    seq: h?.seq ?? (info ? intField(info, 'Bundle-Seq') : null),
    epoch: h?.epoch ?? null,
    records: h?.records ?? null,
    files: h?.files ?? null,
    exportedAt: info?.['Exported-At'] ?? null,
    exportedBy: info?.['Exported-By'] ?? null,
    bundleId: rb.bundleId,
    problem: p ? { code: p.code, message: p.message } : null,
    stationKnown: !!stationId && !!stationRow(ctx, stationId),
    signer: null,
    signerStatus: null,
    signerMessage: null,
  };
  if (p || !h || !rb.tagmanifest || !rb.signature || !view.stationKnown) return view;
  const sig = checkSignature(
    ctx,
    h.stationId,
    h.seq,
    rb.tagmanifest,
    rb.signature,
    readTag(rb.dir, 'keys/station.pub.pem'),
  );
  if (sig.ok) {
    return { ...view, signer: fingerprintView(sig.key.fingerprint), signerStatus: 'trusted' };
  }
  const status =
    sig.code === 'BUNDLE_UNKNOWN_KEY' && sig.signerPem
      ? 'unknown'
      : sig.code === 'BUNDLE_REVOKED_KEY'
        ? 'revoked'
        : 'invalid';
  return {
    ...view,
    signer: sig.signerFingerprint ? fingerprintView(sig.signerFingerprint) : null,
    signerStatus: status,
    signerMessage: sig.message,
  };
}
