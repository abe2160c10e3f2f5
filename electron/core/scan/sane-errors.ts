/**
 * Turning scanimage's failure texts (libsane's status strings, under LC_ALL=C) into an
 * AppError a clerk can act on. The message says how many pages were already saved, because
 * a jam on page 37 of a feeder batch must not make anyone rescan pages 1–36.
 */
import type { ErrorCode } from '../../contract/errors';
import { AppError } from '../kernel';

export const FEEDER_EMPTY = /out of documents/i;

const FAILURES: { test: RegExp; code: ErrorCode; message: string; status: string }[] = [
  {
    test: /open of device .* failed|no such device|device not found/i,
    code: 'SCANNER_UNAVAILABLE',
    message: '无法打开扫描仪（未连接、未开机或设备名有误）',
    status: 'OPEN_FAILED',
  },
  {
    test: /error during device i\/o/i,
    code: 'SCANNER_UNAVAILABLE',
    message: '与扫描仪通信出错，扫描仪可能已断开',
    status: 'IO_ERROR',
  },
  { test: /device busy/i, code: 'SCANNER_UNAVAILABLE', message: '扫描仪正被其他程序占用', status: 'DEVICE_BUSY' },
  { test: /access .*denied/i, code: 'SCANNER_UNAVAILABLE', message: '没有访问扫描仪的权限', status: 'ACCESS_DENIED' },
  { test: /jammed/i, code: 'SCAN_FAILED', message: '扫描仪卡纸，请取出卡住的纸张', status: 'JAMMED' },
  { test: /cover is open/i, code: 'SCAN_FAILED', message: '扫描仪盖板未合上', status: 'COVER_OPEN' },
  { test: /out of memory/i, code: 'SCAN_FAILED', message: '扫描时内存不足', status: 'NO_MEM' },
  { test: /invalid argument/i, code: 'SCAN_FAILED', message: '扫描仪不接受当前的扫描参数', status: 'INVAL' },
];

function savedNote(pagesDelivered: number): string {
  return pagesDelivered > 0 ? `（已完成的 ${pagesDelivered} 页已保存）` : '';
}

export interface FailureContext {
  pagesDelivered: number;
  exitCode: number | null;
  stderr: string;
}

/** The error for a scanimage run that ended badly; `stderr` is its recent output. */
export function saneFailure(ctx: FailureContext): AppError {
  const details = { pagesDelivered: ctx.pagesDelivered, exitCode: ctx.exitCode, stderr: tail(ctx.stderr) };
  for (const f of FAILURES) {
    if (f.test.test(ctx.stderr)) {
      return new AppError(f.code, f.message + savedNote(ctx.pagesDelivered), { ...details, status: f.status });
    }
  }
  return new AppError('SCAN_FAILED', `扫描失败${savedNote(ctx.pagesDelivered)}`, details);
}

export function feederEmptyError(): AppError {
  return new AppError('SCAN_FAILED', '送纸器中没有纸张，请放入纸张后重试', { pagesDelivered: 0, status: 'NO_DOCS' });
}

export function pageTimeoutError(pagesDelivered: number, timeoutMs: number): AppError {
  return new AppError(
    'SCAN_FAILED',
    `扫描仪超过 ${Math.round(timeoutMs / 1000)} 秒没有完成一页，已停止扫描${savedNote(pagesDelivered)}`,
    { pagesDelivered, status: 'TIMEOUT' },
  );
}

/** The last few lines: enough for a support ticket, not a whole batch's chatter. */
function tail(text: string, lines = 12): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
