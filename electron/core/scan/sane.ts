/**
 * Scanning through SANE (Linux desktops; Windows stations use the hot folder instead).
 * Plain Node: scanimage is run as a child process, so a crashing scanner driver takes down
 * only that process, never the app. This module is the entry point; the parts live beside it.
 */
import { saneFailure } from './sane-errors';
import { runSane, type SaneCallOptions } from './sane-process';

export { DEFAULT_DPI, pagePath, scanBatch } from './sane-batch';
export type { ScanBatchOptions, ScanBatchResult, ScanMetadata, ScanPage } from './sane-batch';
export { deviceOptions, parseDeviceOptions, sourceKind } from './sane-options';
export type { DeviceOptions, ScanMode, SourceKind } from './sane-options';
export { saneAvailable, scanimageVersion } from './sane-process';
export type { SaneCallOptions } from './sane-process';

export interface ScannerDevice {
  /** What scanimage's -d takes, e.g. `epson2:libusb:001:004`. */
  name: string;
  vendor: string;
  model: string;
  /** e.g. "flatbed scanner", "sheetfed scanner". */
  type: string;
}

// Fields split by a real tab: %t is scanimage's placeholder for the device *type*, not a tab.
const LIST_FORMAT = '%d\t%v\t%m\t%t%n';

/**
 * The scanners SANE can see. Network discovery makes this slow on some stations (tens of
 * seconds), hence the longer default limit.
 */
export async function listDevices(opts: SaneCallOptions = {}): Promise<ScannerDevice[]> {
  const run = await runSane(['-f', LIST_FORMAT], { timeoutMs: 60_000, ...opts });
  if (run.code !== 0) throw saneFailure({ pagesDelivered: 0, exitCode: run.code, stderr: run.stderr });
  const devices: ScannerDevice[] = [];
  for (const line of run.stdout.split('\n')) {
    const [name, vendor = '', model = '', type = ''] = line.split('\t');
    if (name) devices.push({ name, vendor, model, type });
  }
  return devices;
}
