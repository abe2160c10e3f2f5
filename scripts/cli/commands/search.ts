import { parseArgs } from 'node:util';
import { SECURITY_LABELS, type SecurityLevel } from '../../../electron/contract/domain';
import type { SearchResult } from '../../../electron/contract/search';
import type { Core } from '../../../electron/core/app';
import { type Session, isSetUp } from '../../../electron/core/kernel';
import { runReindexJob, isStale, runSearch } from '../../../electron/core/search';
import { CliError, err, openCore, out } from '../io';

const USAGE = `用法：
  dangan search --data DIR "检索词" [--json] [--limit N] [--offset N] [--sort relevance|date-desc|date-asc]
                [--filter 门类:WS] [--filter 年度:2011-2015] [--filter 期限:Y] [--filter 密级:内部] [--filter 状态:已删除]
                [--clearance 公开|内部|秘密]
  dangan search reindex --data DIR [--json]`;

/** `dangan search`: the same search as the window, as the local operator (all clearances unless --clearance). */
export async function searchCommand(args: string[]): Promise<number> {
  if (args[0] === 'reindex') return reindexCommand(args.slice(1));
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string', default: '20' },
      offset: { type: 'string', default: '0' },
      sort: { type: 'string', default: 'relevance' },
      filter: { type: 'string', multiple: true, default: [] },
      clearance: { type: 'string', default: '秘密' },
    },
  });
  const limit = Number(values.limit);
  const offset = Number(values.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new CliError('--limit 应为 1 到 200 的整数', 2);
  if (!Number.isInteger(offset) || offset < 0) throw new CliError('--offset 应为非负整数', 2);
  if (!['relevance', 'date-desc', 'date-asc'].includes(values.sort)) throw new CliError(USAGE, 2);
  const clearance = Object.entries(SECURITY_LABELS).find(([, l]) => l === values.clearance)?.[0];
  if (clearance === undefined) throw new CliError('--clearance 应为 公开、内部 或 秘密', 2);
  const filters = values.filter.map((f) => f.replace(/^([^=:：]+)=/, '$1:'));
  const q = [...positionals, ...filters].join(' ');
  const core = openCore(values.data);
  try {
    if (!isSetUp(core.ctx)) throw new CliError('尚未完成首次设置：请先运行 dangan setup');
    if (isStale(core.ctx)) await reindex(core, values.json);
    const session: Session = {
      token: '',
      userId: 'cli',
      username: 'cli',
      displayName: '命令行',
      role: 'admin',
      clearance: Number(clearance) as SecurityLevel,
      mustChangePassword: false,
      permissions: [],
    };
    const r = runSearch(core.ctx, session, { q, filters: {}, sort: values.sort as never, offset, limit });
    print(r, values.json);
    return 0;
  } finally {
    await core.close();
  }
}

function print(r: SearchResult, json: boolean): void {
  const snippet = (h: SearchResult['hits'][number]) =>
    h.snippet.map((p) => (p.hit ? `【${p.text}】` : p.text)).join('');
  if (json) {
    out(
      JSON.stringify({
        total: r.total,
        offset: r.offset,
        tookMs: r.tookMs,
        notice: r.notice,
        hits: r.hits.map((h) => ({
          id: h.id,
          archiveCode: h.archiveCode,
          title: h.title,
          field: h.field,
          snippet: snippet(h),
          score: h.score,
        })),
      }),
    );
    return;
  }
  if (r.notice) err(r.notice);
  out(`共 ${r.total} 条（用时 ${r.tookMs} 毫秒）`);
  for (const h of r.hits) out(`${h.archiveCode}\t${h.title}\t${h.score}\n    ${snippet(h)}`);
}

async function reindex(core: Core, json: boolean) {
  let shown = 0;
  core.ctx.events.on('job.progress', (e) => {
    if (e.done - shown < 50_000) return;
    shown = e.done;
    err(`重建索引：${e.done}/${e.total}`);
  });
  const r = await core.ctx.lock.run(() => runReindexJob(core.ctx, core.ctx.ids(), null));
  if (!json) err(`索引已重建：${r.docs} 件，${r.seconds} 秒（${r.itemsPerSecond} 件/秒）`);
  return r;
}

async function reindexCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const core = openCore(values.data);
  try {
    if (!isSetUp(core.ctx)) throw new CliError('尚未完成首次设置：请先运行 dangan setup');
    const r = await reindex(core, values.json);
    if (values.json) out(JSON.stringify(r));
    return 0;
  } finally {
    await core.close();
  }
}
