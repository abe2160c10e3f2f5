import { RETENTION_LABELS, SECURITY_LABELS, type Retention, type SecurityLevel } from '../../../electron/contract';

export const retentionLabel = (r: Retention | string): string => RETENTION_LABELS[r as Retention] ?? String(r);
export const securityLabel = (s: SecurityLevel | number): string => SECURITY_LABELS[s as SecurityLevel] ?? String(s);

/** YYYYMMDD → YYYY-MM-DD for display; anything else unchanged. */
export const formatDate = (d: string | null | undefined): string =>
  d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : (d ?? '');

/**
 * A typed date → YYYYMMDD (what the contract stores), '' when blank, null when it is not a
 * real date. Accepts what clerks type: 2011-03-05, 2011/3/5, 2011.03.05, 2011年3月5日, 20110305.
 */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  if (!s) return '';
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  const ymd = m ? `${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}` : s;
  if (!/^\d{8}$/.test(ymd)) return null;
  const [y, mo, d] = [Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6))];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? ymd : null;
}

/** The 年度 a typed date belongs to ('2019' for 2019-03-02), or null while it is not a whole date. */
export const yearOfDate = (raw: string): string | null => parseDate(raw)?.slice(0, 4) || null;

/** ISO timestamp → local "YYYY-MM-DD HH:mm:ss". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const formatCount = (n: number): string => n.toLocaleString('zh-CN');

/** Decodes base64 and offers it as a download through a temporary <a download>. */
export function downloadBase64(base64: string, fileName: string, mime: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type: mime }), fileName);
}

/** Offers a blob as a download through a temporary <a download>. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Reads a File as base64 (without the data: prefix). */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const s = String(reader.result ?? '');
      const i = s.indexOf(',');
      resolve(i >= 0 ? s.slice(i + 1) : s);
    };
    reader.readAsDataURL(file);
  });
}

/** 1536 → "1.5 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
