/**
 * `dangan scan`: lists SANE scanners, or scans a batch into a folder (Linux, where scanimage
 * exists). It never opens an archive, so it has no account and calls no contract method:
 * the pages reach an archive later through intake (`intake.importFiles`) like any file.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SCAN_MODES, SCAN_SOURCES } from '../../../electron/contract/scan';
import { listDevices, saneAvailable, scanBatch } from '../../../electron/core/scan';
import { CliError, err, out } from '../io';

const USAGE = `用法：
  dangan scan --list [--json]
  dangan scan --device 设备 --out 文件夹 [--resolution 300] [--mode grey|color|bw] [--source flatbed|feeder|duplex] [--max-pages N] [--json]`;

export async function scanCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      list: { type: 'boolean', default: false },
      device: { type: 'string' },
      out: { type: 'string' },
      resolution: { type: 'string', default: '300' },
      mode: { type: 'string', default: 'grey' },
      source: { type: 'string', default: 'flatbed' },
      'max-pages': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!(await saneAvailable()))
    throw new CliError('本机没有 SANE（scanimage）。Debian/统信/麒麟：apt install sane-utils', 1);
  if (values.list) {
    const devices = await listDevices();
    if (values.json) out(JSON.stringify(devices, null, 2));
    else for (const d of devices) out(`${d.name}\t${d.vendor} ${d.model}\t${d.type}`);
    return 0;
  }
  if (!values.device || !values.out) throw new CliError(USAGE, 2);
  const mode = values.mode as (typeof SCAN_MODES)[number];
  const source = values.source as (typeof SCAN_SOURCES)[number];
  if (!SCAN_MODES.includes(mode) || !SCAN_SOURCES.includes(source)) throw new CliError(USAGE, 2);
  const resolution = Number(values.resolution);
  const maxPages = values['max-pages'] ? Number(values['max-pages']) : undefined;
  fs.mkdirSync(values.out, { recursive: true });
  const pages: string[] = [];
  const r = await scanBatch({
    device: values.device,
    resolution,
    mode,
    source,
    maxPages,
    outDir: values.out,
    onPage: (p) => {
      pages.push(p.path);
      if (!values.json) err(`已扫描第 ${p.index} 页：${p.path}`);
    },
  });
  if (values.json) out(JSON.stringify({ pages, endedBy: r.endedBy, meta: r.meta }, null, 2));
  else
    out(
      `共 ${r.pages} 页（${r.endedBy === 'feeder-empty' ? '送纸器已空' : r.endedBy === 'cancelled' ? '已取消' : '完成'}）`,
    );
  return 0;
}
