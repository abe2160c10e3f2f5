import { parseArgs } from 'node:util';
import { SECURITY_LABELS, type SecurityLevel } from '../../../electron/contract/domain';
import type { SearchResult } from '../../../electron/contract/search';
import { CliError, err, out } from '../io';
import { openSession, type CliSession } from '../session';

const USAGE = `用法：
  dangan search --data DIR "检索词" [--json] [--limit N] [--offset N] [--sort relevance|date-desc|date-asc]
                [--filter 门类:WS] [--filter 年度:2011-2015] [--filter 期限:Y] [--filter 密级:内部] [--filter 状态:已删除]
                [--clearance 公开|内部|秘密]
  dangan search reindex --data DIR [--json]`;

/**
 * `dangan search`: the same search as the window (`search.query`), as the command's account:
 * the built-in one sees every 密级, a `--user` what that account may see; `--clearance`
 * only lowers it.
 */
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
  const cli = await openSession(values.data);
  try {
    cli.sessions.clearanceCap = Number(clearance) as SecurityLevel;
    // A bulk load (demo, an upgrade) leaves the index stale: rebuild it first, as serve does at
    // start — if this account may (search.manage); otherwise the search says the index is behind.
    if ((await cli.call('search.status', {})).state === 'stale' && cli.may('search.manage'))
      await reindex(cli, values.json);
    const r = await cli.call('search.query', { q, filters: {}, sort: values.sort as never, offset, limit });
    print(r, values.json);
    return 0;
  } finally {
    await cli.close();
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

async function reindex(cli: CliSession, json: boolean) {
  let shown = 0;
  cli.core.ctx.events.on('job.progress', (e) => {
    if (e.done - shown < 50_000) return;
    shown = e.done;
    err(`重建索引：${e.done}/${e.total}`);
  });
  const r = await cli.call('search.rebuild', {});
  if (!json) err(`索引已重建：${r.docs} 件，${r.seconds} 秒（${r.itemsPerSecond} 件/秒）`);
  return r;
}

async function reindexCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const cli = await openSession(values.data);
  try {
    const r = await reindex(cli, values.json);
    if (values.json) out(JSON.stringify(r));
    return 0;
  } finally {
    await cli.close();
  }
}
