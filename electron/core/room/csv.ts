/**
 * A logging hygrometer's CSV: decoded (UTF-8, else GBK — what Chinese loggers' software
 * and Excel write), its header found, every row checked. Pure: no database.
 * Accepted headers: a time column (时间/日期时间/记录时间/time), or 日期 and 时间 apart; a
 * temperature column (温度/temp…) and a humidity column (湿度/RH/humidity…). Other columns
 * (序号, 露点 …) are ignored.
 */
import { parse } from 'csv-parse/sync';
import {
  HUMIDITY_LIMITS,
  TEMPERATURE_LIMITS,
  humidityMessage,
  temperatureMessage,
  type ReadingImportError,
} from '../../contract/room';

export interface CsvReading {
  line: number;
  takenAt: string;
  temperature: number;
  humidity: number;
}

export interface ParsedCsv {
  encoding: 'utf-8' | 'gbk';
  readings: CsvReading[];
  errors: ReadingImportError[];
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise GB18030, GBK's superset. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
}

const TIME = /^(时间|日期时间|记录时间|采集时间|测量时间|date ?time|time|timestamp)/i;
const DATE = /^(日期|date)$/i;
const TEMP = /(温度|temp)/i;
const HUM = /(湿度|humid|rh)/i;

interface Columns {
  time: number;
  date: number;
  temp: number;
  hum: number;
}

function columnsOf(header: string[]): Columns | null {
  const find = (re: RegExp) => header.findIndex((h) => re.test(h.trim()));
  const cols = { time: find(TIME), date: find(DATE), temp: find(TEMP), hum: find(HUM) };
  if ((cols.time < 0 && cols.date < 0) || cols.temp < 0 || cols.hum < 0) return null;
  return cols;
}

const STAMP = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;

/** '2026/3/1 8:30:00' → '2026-03-01 08:30'; null when it is no real date and time. */
export function normaliseStamp(s: string): string | null {
  const m = STAMP.exec(s.trim());
  if (!m || m[4] === undefined) return null;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59) return null;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}`;
}

/** '23.5', '23.5℃', '55%': the number, or null. */
function numberOf(s: string): number | null {
  const t = s.trim().replace(/\s*(℃|°C|°|%RH|%|％)$/i, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

export function parseReadingsCsv(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeCsv(bytes);
  const errors: ReadingImportError[] = [];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    return { encoding, readings: [], errors: [{ line: 0, message: `CSV 文件格式错误：${(e as Error).message}` }] };
  }
  // A logger's file may carry a title line or two above the header.
  const at = rows.slice(0, 10).findIndex((r) => columnsOf(r.record) !== null);
  if (at < 0) {
    const message = '找不到表头：须有“时间”（或“日期”和“时间”）、“温度”和“湿度”三列';
    return { encoding, readings: [], errors: [{ line: 1, message }] };
  }
  const cols = columnsOf(rows[at]!.record)!;
  const readings: CsvReading[] = [];
  for (const { record, info } of rows.slice(at + 1)) {
    const line = info.lines;
    const cell = (i: number) => (i >= 0 ? (record[i] ?? '').trim() : '');
    if (record.every((c) => c.trim() === '')) continue;
    const rawTime =
      cols.date >= 0 && cols.time >= 0
        ? `${cell(cols.date)} ${cell(cols.time)}`
        : cell(cols.time >= 0 ? cols.time : cols.date);
    const problems: string[] = [];
    const takenAt = normaliseStamp(rawTime);
    if (!takenAt) problems.push(`时间“${rawTime}”无法识别（应为 2026-03-01 08:30 这样的日期和时间）`);
    const temperature = numberOf(cell(cols.temp));
    if (temperature === null) problems.push(`温度“${cell(cols.temp)}”不是数字`);
    else if (temperature < TEMPERATURE_LIMITS.min || temperature > TEMPERATURE_LIMITS.max)
      problems.push(temperatureMessage(temperature));
    const humidity = numberOf(cell(cols.hum));
    if (humidity === null) problems.push(`湿度“${cell(cols.hum)}”不是数字`);
    else if (humidity < HUMIDITY_LIMITS.min || humidity > HUMIDITY_LIMITS.max) problems.push(humidityMessage(humidity));
    if (problems.length > 0) errors.push({ line, message: problems.join('；') });
    else readings.push({ line, takenAt: takenAt!, temperature: temperature!, humidity: humidity! });
  }
  if (readings.length === 0 && errors.length === 0) errors.push({ line: 0, message: '文件中没有读数' });
  return { encoding, readings, errors };
}
