/** Station side: the bureau pinned at enrollment. */
import { and, desc, eq } from 'drizzle-orm';
import { syncPeers } from '../../../db/schema';
import { type CoreContext, AppError } from '../kernel';

export interface BureauPeer {
  fingerprint: string;
  nodeId: string;
  unitName: string;
  signPublicPem: string;
  ageRecipients: string[];
}

export function bureauPeerOrNull(ctx: CoreContext): BureauPeer | null {
  const row = ctx.orm
    .select()
    .from(syncPeers)
    .where(and(eq(syncPeers.role, 'bureau'), eq(syncPeers.status, 'active')))
    .orderBy(desc(syncPeers.pinnedAt))
    .limit(1)
    .get();
  if (!row) return null;
  return {
    fingerprint: row.fingerprint,
    nodeId: row.nodeId,
    unitName: row.unitName,
    signPublicPem: row.signPublicPem,
    ageRecipients: JSON.parse(row.ageRecipients) as string[],
  };
}

export function bureauPeer(ctx: CoreContext): BureauPeer {
  const p = bureauPeerOrNull(ctx);
  if (!p) throw new AppError('NOT_ENROLLED');
  return p;
}
