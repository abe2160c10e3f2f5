/** Station side: the bureau pinned at enrollment. */
import { type CoreContext, AppError } from '../kernel';

export interface BureauPeer {
  fingerprint: string;
  nodeId: string;
  unitName: string;
  signPublicPem: string;
  ageRecipients: string[];
}

export function bureauPeerOrNull(ctx: CoreContext): BureauPeer | null {
  const row = ctx.sqlite
    .prepare("SELECT * FROM sync_peers WHERE role = 'bureau' AND status = 'active' ORDER BY pinned_at DESC LIMIT 1")
    .get() as
    | { fingerprint: string; node_id: string; unit_name: string; sign_public_pem: string; age_recipients: string }
    | undefined;
  if (!row) return null;
  return {
    fingerprint: row.fingerprint,
    nodeId: row.node_id,
    unitName: row.unit_name,
    signPublicPem: row.sign_public_pem,
    ageRecipients: JSON.parse(row.age_recipients) as string[],
  };
}

export function bureauPeer(ctx: CoreContext): BureauPeer {
  const p = bureauPeerOrNull(ctx);
  if (!p) throw new AppError('NOT_ENROLLED');
  return p;
}
