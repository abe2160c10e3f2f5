/**
 * bench:print on a demo archive: a 案卷目录 of ~1,000 of the demo's real volumes, printed
 * through `print.document` as the CLI calls it (dispatch, as the administrator, audited).
 * The archive is built once and kept (default: a folder in the system temp named by its size,
 * or `--keep DIR`), like bench:catalogue and bench:search reuse theirs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/app';
import { generateDemo } from '../../electron/core/demo';
import { BENCH_ADMIN, log, round, setupBenchStation } from './stats';

export interface ArchiveOptions {
  items: number;
  keep?: string | undefined;
  target: { seconds: number; bytes: number };
}

/** The archive's folder: given, or the cached one for this size. */
export const archiveDir = (o: ArchiveOptions) =>
  o.keep ? path.resolve(o.keep) : path.join(os.tmpdir(), `dangan-bench-print-${o.items}`);

export async function benchArchive(o: ArchiveOptions) {
  const dir = archiveDir(o);
  fs.mkdirSync(dir, { recursive: true });
  const core = createCore({ dataDir: dir, log: { info() {}, error: (m, x) => log(`${m} ${String(x ?? '')}`) } });
  try {
    const db = core.ctx.sqlite;
    let demo = null;
    const had = db.prepare('SELECT count(*) FROM items').pluck().get() as number;
    if (had === 0) {
      await setupBenchStation(core);
      log(`bench: ${o.items} demo items into ${dir}`);
      let last = -1;
      demo = await generateDemo(core.ctx, {
        items: o.items,
        onProgress: (done, total) => {
          const pct = Math.floor((done / total) * 10) * 10;
          if (pct !== last) log(`demo: ${done}/${total}`);
          last = pct;
        },
      });
      log(`demo: ${demo.seconds} s`);
    } else log(`bench: reusing ${had} items in ${dir}`);
    // The 门类 whose volumes come nearest to 1,000 from above (else the fullest): one 案卷目录.
    const classes = db
      .prepare(
        `SELECT category_code code, count(*) n FROM volumes WHERE deleted_at IS NULL GROUP BY category_code
         ORDER BY (count(*) < 1000), abs(count(*) - 1000)`,
      )
      .all() as { code: string; n: number }[];
    const scope = classes[0];
    if (!scope) throw new Error('the demo archive has no volumes');
    const login = await core.dispatch('auth.login', BENCH_ADMIN);
    if (!login.ok) throw new Error(login.error.message);
    const session = { sessionToken: login.value.token };
    const run = async () => {
      const t0 = performance.now();
      const r = await core.dispatch('print.document', { kind: 'volume-catalogue', categoryCode: scope.code }, session);
      const seconds = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(r.error.message);
      const bytes = Buffer.from(r.value.base64, 'base64').length;
      log(`案卷目录 ${scope.code}: ${r.value.rows} 条，${r.value.pages} 页，${round(seconds)} 秒，${bytes} 字节`);
      return {
        rows: r.value.rows,
        pages: r.value.pages,
        seconds: Math.round(seconds * 1000) / 1000,
        bytes,
        withinTargets: seconds <= o.target.seconds && bytes <= o.target.bytes,
      };
    };
    const first = await run();
    // A second print: the font is parsed and pdf-lib's code compiled by then, as in a running app.
    const again = await run();
    // 1,000 labels of the archive's own boxes (their 起止件号 read from its million items).
    const boxIds = db.prepare('SELECT id FROM boxes WHERE deleted_at IS NULL ORDER BY code LIMIT 1000').pluck().all();
    const labels = async () => {
      const t0 = performance.now();
      const r = await core.dispatch('print.labels', { kind: 'box', ids: boxIds, sheet: '3x8' }, session);
      const seconds = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(r.error.message);
      const bytes = Buffer.from(r.value.base64, 'base64').length;
      log(`盒标签: ${r.value.labels} 张，${r.value.pages} 页，${round(seconds)} 秒，${bytes} 字节`);
      return { labels: r.value.labels, pages: r.value.pages, seconds: Math.round(seconds * 1000) / 1000, bytes };
    };
    const boxLabels = { first: await labels(), again: await labels() };
    return {
      items: db.prepare('SELECT count(*) FROM items').pluck().get() as number,
      volumes: classes.reduce((n, c) => n + c.n, 0),
      boxes: db.prepare('SELECT count(*) FROM boxes').pluck().get() as number,
      dir,
      demoSeconds: demo?.seconds ?? null,
      categoryCode: scope.code,
      first,
      again,
      boxLabels,
    };
  } finally {
    await core.close();
  }
}
