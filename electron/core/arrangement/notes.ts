/**
 * The 卷内备考表 fields of a volume from the sign-offs of the newest batch whose scope holds it:
 * 立卷人 = who signed 整理 (compiler), 检查人 = who signed 自查 (checker), with their dates.
 * The print screen passes them to print.document's notes.
 */
import { desc } from 'drizzle-orm';
import { arrangementBatches } from '../../../db/schema';
import type { VolumeNotes } from '../../contract/arrangement';
import type { CoreContext, Session } from '../kernel';
import { volumeScope } from './scope';
import { signoffsIn } from './sign-off';

/** '张三(zhangsan)' → '张三'. */
export const plainName = (signerName: string) => signerName.replace(/\(.*\)$/, '');
const p2 = (n: number) => String(n).padStart(2, '0');
export const localDay = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
};
const ymd = (iso: string | undefined) => (iso ? localDay(iso).replaceAll('-', '') : '');

export function volumeNotes(ctx: CoreContext, s: Session, volumeId: string): VolumeNotes | null {
  const batches = ctx.orm.select().from(arrangementBatches).orderBy(desc(arrangementBatches.createdAt)).all();
  for (const b of batches) {
    const vs = volumeScope(b, s.clearance);
    const hit = ctx.sqlite
      .prepare(`SELECT 1 FROM volumes v WHERE ${vs.where} AND v.id = ?`)
      .get(...vs.params, volumeId);
    if (!hit) continue;
    const compilers = signoffsIn(ctx, b.id, 'compiler');
    const checkers = signoffsIn(ctx, b.id, 'checker');
    const names = (xs: typeof compilers) => [...new Set(xs.map((x) => plainName(x.signerName)))].join('、');
    return {
      batchId: b.id,
      batchName: b.name,
      compiler: names(compilers),
      checker: names(checkers),
      date: ymd(compilers[0]?.signedAt),
      checkDate: ymd(checkers[0]?.signedAt),
    };
  }
  return null;
}
