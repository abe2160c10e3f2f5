import { appendAudit } from '../audit';
import { hashPassword, insertUser } from '../auth';
import {
  recordChange,
  type CoreContext,
  AppError,
  type Handlers,
  inTransaction,
  isSetUp,
  setMeta,
  systemStatus,
} from '../kernel';
import { seedDefaultScheme } from '../scheme';
import type { MethodParsed } from '../../contract/methods';

/** First-run setup: node identity, unit, fonds, the preloaded scheme and the first administrator. */
export function initialize(ctx: CoreContext, input: MethodParsed<'setup.initialize'>) {
  if (isSetUp(ctx)) throw new AppError('ALREADY_SETUP');
  const passwordHash = hashPassword(input.adminPassword, ctx.passwordCost);
  inTransaction(ctx, () => {
    const nodeId = ctx.ids();
    setMeta(ctx, 'node_id', nodeId);
    setMeta(ctx, 'node_role', input.nodeRole);
    setMeta(ctx, 'unit_name', input.unitName);
    setMeta(ctx, 'fonds_code', input.fondsCode.toUpperCase());
    setMeta(ctx, 'created_at', ctx.nowIso());
    const admin = insertUser(ctx, nodeId, {
      username: input.adminUsername,
      displayName: input.adminDisplayName,
      role: 'admin',
      clearance: 2,
      passwordHash,
      // The first administrator chose this password themselves in the wizard.
      mustChangePassword: false,
    });
    recordChange(ctx, 'user', admin.id, 1, 'insert');
    const categories = seedDefaultScheme(ctx);
    setMeta(ctx, 'setup_done', '1');
    appendAudit(
      ctx,
      { id: admin.id, name: `${admin.displayName}(${admin.username})` },
      {
        action: 'setup.initialize',
        entity: 'system',
        entityId: nodeId,
        summary: `首次设置：${input.unitName}，全宗号 ${input.fondsCode.toUpperCase()}，管理员 ${input.adminUsername}`,
        details: { nodeRole: input.nodeRole, unitName: input.unitName, fondsCode: input.fondsCode, categories },
      },
    );
  });
  return systemStatus(ctx);
}

export const setupHandlers = {
  'system.status': ({ ctx }) => systemStatus(ctx),
  'setup.initialize': ({ ctx }, input) => initialize(ctx, input),
} satisfies Partial<Handlers>;
