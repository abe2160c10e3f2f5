/**
 * The labels entry of `npm run bench:print`: 1,000 box labels (Code 128) on A4 3×8 sheets,
 * from label contents to the PDF's bytes (target: ≤ 3 s). Boxes are built here (seeded by
 * their number), with codes in the form boxCode gives them.
 */
import { performance } from 'node:perf_hooks';
import { zLabelSettings } from '../../electron/contract/labels';
import { type LabelContent, renderLabels } from '../../electron/core/print';
import { boxCode, labelPayload } from '../../electron/core/shelving';
import { log, round } from './stats';

const LABELS = 1000;
const TARGET_SECONDS = 3;

function boxLabels(): LabelContent[] {
  return Array.from({ length: LABELS }, (_, i) => {
    const year = 2000 + (i % 25);
    const boxNo = Math.floor(i / 25) + 1;
    const code = boxCode({ fondsCode: 'J001', categoryCode: 'WS', year, retention: 'D30', orgCode: 'BGS' }, boxNo);
    const first = (boxNo - 1) * 40 + 1;
    return {
      payload: labelPayload('box', code, `b${i}`),
      heading: `第 ${boxNo} 盒　${code}`,
      lines: [`全宗号 J001　年度 ${year}　保管期限 定期30年`, `起止件号 ${first}–${first + 39}　盒号 ${boxNo}`],
      byId: false,
    };
  });
}

export async function benchLabels() {
  const labels = boxLabels();
  const settings = zLabelSettings.parse({});
  const job = { sheet: '3x8' as const, symbology: 'code128' as const, start: 1, settings };
  const once = async () => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const pdf = await renderLabels(labels, job, new Date(Date.UTC(2026, 0, 1)));
    const seconds = (performance.now() - t0) / 1000;
    // CPU time of this process too: on a machine shared with other work, wall time overstates.
    const cpu = process.cpuUsage(cpu0);
    log(`labels: ${LABELS} 张，${pdf.pages} 页，${round(seconds)} 秒，${pdf.bytes.length} 字节`);
    return {
      labels: LABELS,
      sheet: '3x8',
      symbology: 'code128',
      pages: pdf.pages,
      seconds: Math.round(seconds * 1000) / 1000,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
      bytes: pdf.bytes.length,
      withinTarget: seconds <= TARGET_SECONDS,
    };
  };
  const first = await once();
  // As for the catalogue: the first run of a process also compiles the code paths.
  const again = await once();
  return { target: { seconds: TARGET_SECONDS }, first, again };
}
