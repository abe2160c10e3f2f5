/** Intake through the contract: dropped files, the SANE scanner, the hot folder, batches. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BatchView } from '../../contract/scan';
import { appendAudit } from '../audit';
import { actorOf, AppError, mutation, sessionOf, type Handlers } from '../kernel';
import { listBatches } from './batch-list';
import { hotFolderPath } from './hot-folder-path';
import { createBatch, emitBatch, finishBatch, ingestFile } from './intake';
import { listDevices, saneAvailable, scanBatch } from './sane';
import { servicesOf } from './services';

export const scanHandlers = {
  'intake.importFiles': async (env, input) => {
    const s = sessionOf(env);
    const actor = actorOf(s);
    const svc = servicesOf(env.ctx);
    const target = { itemId: input.itemId, volumeId: input.volumeId, template: input.template };
    const batchId = createBatch(env.ctx, actor, 'files', target);
    const errors: { file: string; page: number | null; message: string }[] = [];
    let pages = 0;
    for (const f of input.files) {
      try {
        const r = await ingestFile(
          env.ctx,
          svc.store,
          actor,
          { id: batchId, ...target },
          { name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') },
        );
        pages += r.pageIds.length;
        errors.push(...r.errors.map((e) => ({ file: f.name, page: e.page, message: e.message })));
      } catch (e) {
        // One bad file is reported on its own; the others still come in.
        errors.push({ file: f.name, page: null, message: e instanceof AppError ? e.message : String(e) });
      }
    }
    finishBatch(
      env.ctx,
      actor,
      batchId,
      pages > 0 || errors.length === 0 ? 'done' : 'failed',
      errors.length ? `${errors.length} 处无法读取` : null,
    );
    svc.runner.kick();
    return { batchId, pages, errors };
  },

  'scan.devices': async () => {
    if (!(await saneAvailable()))
      return { available: false, message: '本机未安装 SANE（scanimage），请使用监视文件夹或导入文件', devices: [] };
    try {
      const devices = await listDevices({ timeoutMs: 20_000 });
      return {
        available: true,
        message: devices.length ? null : '未找到扫描仪',
        devices: devices.map((d) => ({ name: d.name, vendor: d.vendor, model: d.model, type: d.type })),
      };
    } catch (e) {
      return { available: true, message: e instanceof AppError ? e.message : String(e), devices: [] };
    }
  },

  'scan.start': (env, input) => {
    const s = sessionOf(env);
    const actor = actorOf(s);
    const svc = servicesOf(env.ctx);
    const target = { itemId: input.itemId, volumeId: input.volumeId, template: input.template };
    const batchId = createBatch(env.ctx, actor, 'sane', target, {
      device: input.device,
      resolution: input.resolution,
      mode: input.mode,
      source: input.source,
    });
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-scan-'));
    const abort = new AbortController();
    svc.scans.set(batchId, abort);
    // Pages are taken in one at a time, in order, while the scanner goes on feeding.
    let chain = Promise.resolve();
    const run = scanBatch({
      device: input.device,
      resolution: input.resolution,
      mode: input.mode,
      source: input.source,
      maxPages: input.maxPages,
      outDir,
      signal: abort.signal,
      onPage: (p) => {
        chain = chain.then(async () => {
          await ingestFile(
            env.ctx,
            svc.store,
            actor,
            { id: batchId, ...target },
            { name: path.basename(p.path), path: p.path },
            {
              device: [p.meta.vendor, p.meta.model].filter(Boolean).join(' ') || p.meta.device,
              colorMode: p.meta.mode,
              resolution: p.meta.resolution,
              software: p.meta.software,
            },
          );
          fs.rmSync(p.path, { force: true });
          svc.runner.kick();
        });
        return chain;
      },
    });
    const finished = run
      .then(async (r) => {
        await chain;
        finishBatch(env.ctx, actor, batchId, r.endedBy === 'cancelled' ? 'cancelled' : 'done');
      })
      .catch(async (e: unknown) => {
        await chain.catch(() => undefined);
        finishBatch(env.ctx, actor, batchId, 'failed', e instanceof AppError ? e.message : String(e));
      })
      .finally(() => {
        svc.scans.delete(batchId);
        fs.rmSync(outDir, { recursive: true, force: true });
      });
    svc.track(finished);
    emitBatch(env.ctx, batchId, 'open', '正在扫描…');
    return { batchId };
  },

  'scan.cancel': (env, { batchId }) => {
    sessionOf(env);
    const c = servicesOf(env.ctx).scans.get(batchId);
    if (!c) throw new AppError('NOT_FOUND', '该批次不在扫描中');
    c.abort();
    return { ok: true as const };
  },

  'scan.batches': (env, { limit }): BatchView[] => listBatches(env.ctx, sessionOf(env).clearance, limit),

  'hotfolder.get': (env) => {
    sessionOf(env);
    return servicesOf(env.ctx).hotFolder.view();
  },

  'hotfolder.set': (env, input) => {
    const host = servicesOf(env.ctx).hotFolder;
    mutation(env, (ctx, _s, actor) => {
      // Checked whenever a folder is named; one that is not there yet is refused only when watching starts.
      const dir = input.dir ? hotFolderPath(ctx, input.dir, input.enabled) : input.dir;
      if (input.enabled && !dir) throw new AppError('HOT_FOLDER_UNAVAILABLE', '请指定监视文件夹');
      host.configure({ ...input, dir }, actor);
      appendAudit(ctx, actor, {
        action: 'hotfolder.set',
        entity: 'system',
        summary: input.enabled ? `开始监视文件夹 ${input.dir}` : '停止监视文件夹',
      });
    });
    host.apply();
    return host.view();
  },
} satisfies Partial<Handlers>;
