/**
 * Reading a scanner's own option list (`scanimage -d DEV -A`) and turning our three
 * choices (colour/grey/black-and-white; flatbed/feeder/duplex; dpi) into that device's
 * words. Backends name things differently — "Lineart", "Black & White", "Binary";
 * "ADF", "ADF Front", "ADF Duplex", "Duplex" — so names are matched, never assumed.
 */
import { AppError } from '../kernel';
import { saneFailure } from './sane-errors';
import { runSane, type SaneCallOptions } from './sane-process';

export type ScanMode = 'color' | 'grey' | 'bw';
export type SourceKind = 'flatbed' | 'feeder' | 'duplex';

export interface DeviceOptions {
  /** A list of dpi values, or a range when the device takes any value in it. */
  resolutions: number[] | { min: number; max: number };
  /** The device's own mode names, e.g. ['Lineart', 'Gray', 'Color']. */
  modes: string[];
  depths: number[];
  /** The device's own source names, e.g. ['Flatbed', 'ADF Front', 'ADF Duplex']. */
  sources: string[];
  /** Which device source serves each of our kinds (absent: the device has none). */
  sourceKinds: Partial<Record<SourceKind, string>>;
}

/** What the device will be told; also what is recorded as the page's attributes. */
export interface ScanPlan {
  args: string[];
  resolution: number;
  deviceMode?: string;
  depth?: number;
  deviceSource?: string;
}

// "    --mode Lineart|Gray|Color [Gray]"  /  "    --resolution 75..1200dpi (in steps of 1) [300]"
const OPTION_LINE = /^\s+--([\w-]+)(?:\[=\([^)]*\)\])?\s+(.+?)\s+\[[^\]]*\]\s*$/;

export function parseDeviceOptions(text: string): DeviceOptions {
  const raw = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = OPTION_LINE.exec(line);
    if (m && !raw.has(m[1]!)) raw.set(m[1]!, m[2]!);
  }
  const list = (name: string): string[] => {
    const v = raw.get(name);
    return v && !v.startsWith('<') ? v.split('|').map((s) => s.trim()) : [];
  };
  const sources = list('source');
  return {
    resolutions: parseResolutions(raw.get('resolution') ?? ''),
    modes: list('mode'),
    depths: list('depth')
      .map((d) => parseInt(d, 10))
      .filter(Number.isFinite),
    sources,
    sourceKinds: mapSources(sources),
  };
}

/** Asks the device for its options; a missing or unplugged scanner is SCANNER_UNAVAILABLE. */
export async function deviceOptions(device: string, opts: SaneCallOptions = {}): Promise<DeviceOptions> {
  const run = await runSane(['-d', device, '-A'], opts);
  if (run.code !== 0) throw saneFailure({ pagesDelivered: 0, exitCode: run.code, stderr: run.stderr });
  return parseDeviceOptions(run.stdout);
}

function parseResolutions(v: string): DeviceOptions['resolutions'] {
  const range = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)/.exec(v);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  return v
    .replace(/dpi.*$/, '')
    .split('|')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n > 0);
}

export function sourceKind(name: string): SourceKind | undefined {
  if (/duplex/i.test(name)) return 'duplex';
  if (/flatbed|platen|glass/i.test(name)) return 'flatbed';
  if (/\badf\b|feeder|automatic document/i.test(name)) return 'feeder';
  return undefined;
}

function mapSources(sources: string[]): Partial<Record<SourceKind, string>> {
  const kinds: Partial<Record<SourceKind, string>> = {};
  // "ADF Back" alone scans the wrong side; prefer "ADF"/"ADF Front" when both are offered.
  const ordered = [...sources].sort((a, b) => Number(/back|rear/i.test(a)) - Number(/back|rear/i.test(b)));
  for (const s of ordered) {
    const kind = sourceKind(s);
    if (kind && !kinds[kind]) kinds[kind] = s;
  }
  return kinds;
}

const MODE_NAMES: Record<ScanMode, RegExp[]> = {
  color: [/^colou?r$/i, /colou?r/i, /rgb|24 ?bit/i],
  grey: [/^gr[ae]y(scale)?$/i, /true gr[ae]y/i, /gr[ae]y/i],
  bw: [/^(lineart|line art|binary|black ?(&|and) ?white|monochrome|bw)$/i, /lineart|binary|black ?(&|and) ?white/i],
};

const MODE_LABEL: Record<ScanMode, string> = { color: '彩色', grey: '灰度', bw: '黑白' };
const SOURCE_LABEL: Record<SourceKind, string> = { flatbed: '平板', feeder: '自动送纸器', duplex: '双面送纸' };

function pickMode(options: DeviceOptions, mode: ScanMode): { deviceMode?: string; depth?: number } {
  if (options.modes.length === 0) return {};
  for (const re of MODE_NAMES[mode]) {
    const found = options.modes.find((m) => re.test(m) && !/halftone|diffusion|dither/i.test(m));
    if (found) return { deviceMode: found, depth: mode !== 'bw' && options.depths.includes(8) ? 8 : undefined };
  }
  // Some drivers (SANE's test backend among them) do black-and-white as grey at 1 bit.
  if (mode === 'bw' && options.depths.includes(1)) {
    const grey = pickMode(options, 'grey').deviceMode;
    if (grey) return { deviceMode: grey, depth: 1 };
  }
  throw new AppError('SCAN_FAILED', `扫描仪不支持${MODE_LABEL[mode]}模式`, { modes: options.modes });
}

/** The dpi actually asked for: the requested one when offered, else the next finer one. */
export function pickResolution(options: DeviceOptions, wanted: number): number {
  const r = options.resolutions;
  if (!Array.isArray(r)) return Math.min(Math.max(wanted, r.min), r.max);
  if (r.length === 0 || r.includes(wanted)) return wanted;
  const sorted = [...r].sort((a, b) => a - b);
  return sorted.find((v) => v >= wanted) ?? sorted[sorted.length - 1]!;
}

export function planScan(options: DeviceOptions, mode: ScanMode, source: SourceKind, wantedDpi: number): ScanPlan {
  const args: string[] = [];
  let deviceSource: string | undefined;
  if (options.sources.length > 0) {
    deviceSource = options.sourceKinds[source];
    if (!deviceSource) {
      throw new AppError('SCAN_FAILED', `扫描仪没有${SOURCE_LABEL[source]}`, { sources: options.sources });
    }
    args.push('--source', deviceSource);
  }
  // Source first: some backends reset mode and resolution when the source changes.
  const { deviceMode, depth } = pickMode(options, mode);
  if (deviceMode) args.push('--mode', deviceMode);
  if (depth !== undefined) args.push('--depth', String(depth));
  const resolution = pickResolution(options, wantedDpi);
  args.push('--resolution', String(resolution));
  return { args, resolution, deviceMode, depth, deviceSource };
}
