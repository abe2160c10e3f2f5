/**
 * The archive-room log (库房环境): rooms with their ranges, temperature and humidity
 * readings (typed in or imported from a logging hygrometer's CSV) and the 九防 checks.
 */
import { z } from 'zod';
import { zId } from './schemas';

/** The nine items of 九防, in the order the form lists them (stored codes → labels). */
export const NINE_GUARD_LABELS = {
  fire: '防火',
  theft: '防盗',
  damp: '防潮',
  insects: '防虫',
  light: '防光',
  dust: '防尘',
  heat: '防高温',
  rodents: '防鼠',
  gas: '防有害气体',
} as const;
export type NineGuard = keyof typeof NINE_GUARD_LABELS;
export const NINE_GUARD_CODES = Object.keys(NINE_GUARD_LABELS) as NineGuard[];

/**
 * What a room's air can physically be: a reading outside is a typo or a broken sensor,
 * refused rather than logged as an alarm (300 °C, −50 % RH).
 */
export const TEMPERATURE_LIMITS = { min: -30, max: 60 } as const;
export const HUMIDITY_LIMITS = { min: 0, max: 100 } as const;
/** A logger's CSV: a year at one reading every ten minutes is about 2 MB. */
export const MAX_READINGS_CSV_BYTES = 8 * 1024 * 1024;
/** A listed period: at most a year and a day (the chart's longest view). */
export const MAX_LOG_DAYS = 366;

export const temperatureMessage = (v: number): string =>
  `温度 ${v} °C 不可能出现在库房，请检查读数（有效范围 ${TEMPERATURE_LIMITS.min} 至 ${TEMPERATURE_LIMITS.max} °C）`;
export const humidityMessage = (v: number): string =>
  `相对湿度 ${v} % 不可能，请检查读数（有效范围 ${HUMIDITY_LIMITS.min} 至 ${HUMIDITY_LIMITS.max} %）`;

const number = (what: string) => z.number({ error: `${what}须为数字` }).finite({ error: `${what}须为数字` });
export const zTemperature = number('温度').superRefine((v, c) => {
  if (v < TEMPERATURE_LIMITS.min || v > TEMPERATURE_LIMITS.max)
    c.addIssue({ code: 'custom', message: temperatureMessage(v) });
});
export const zHumidity = number('相对湿度').superRefine((v, c) => {
  if (v < HUMIDITY_LIMITS.min || v > HUMIDITY_LIMITS.max) c.addIssue({ code: 'custom', message: humidityMessage(v) });
});
/** Whether 'YYYY-MM-DD…' names a day the calendar has (not 2026-02-30). */
const realDay = (s: string): boolean => {
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
/** A calendar day, YYYY-MM-DD. */
export const zDay = z
  .string({ error: '日期格式应为 YYYY-MM-DD，例如 2026-03-01' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD，例如 2026-03-01' })
  .refine(realDay, { error: '日历上没有这一天' });
/** The room's wall-clock time of a reading: 'YYYY-MM-DD HH:MM' (a 'T' is accepted and stored as a space). */
export const zTakenAt = z
  .string({ error: '时间格式应为 YYYY-MM-DD HH:MM，例如 2026-03-01 08:30' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[ T]([01]\d|2[0-3]):[0-5]\d$/, {
    error: '时间格式应为 YYYY-MM-DD HH:MM，例如 2026-03-01 08:30',
  })
  .refine(realDay, { error: '日历上没有这一天' })
  .transform((s) => s.replace('T', ' '));

const text = (what: string, max: number) =>
  z
    .string({ error: `${what}必须是文字` })
    .trim()
    .max(max, { error: `${what}不能超过${max}个字` });

export const zRoomSave = z
  .object({
    id: zId.optional(),
    code: z
      .string({ error: '请填写库房编号' })
      .trim()
      .regex(/^[A-Za-z0-9-]{1,16}$/, { error: '库房编号由字母、数字和连字符组成（最多16位），例如 KF01' }),
    name: text('库房名称', 50).min(1, { error: '请填写库房名称' }),
    tempMin: zTemperature.default(14),
    tempMax: zTemperature.default(24),
    humidityMin: zHumidity.default(45),
    humidityMax: zHumidity.default(60),
    expectedVersion: z.number().int().optional(),
  })
  .refine((r) => r.tempMin < r.tempMax, { error: '温度下限须低于上限', path: ['tempMax'] })
  .refine((r) => r.humidityMin < r.humidityMax, { error: '湿度下限须低于上限', path: ['humidityMax'] });

export const zReadingAdd = z.object({
  roomId: zId,
  takenAt: zTakenAt,
  temperature: zTemperature,
  humidity: zHumidity,
  action: text('处置措施', 200).default(''),
});

export const zReadingList = z
  .object({ roomId: zId, from: zDay, to: zDay })
  .refine((r) => r.from <= r.to, { error: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < MAX_LOG_DAYS, {
    error: `一次最多查看 ${MAX_LOG_DAYS} 天`,
    path: ['to'],
  });

export const zReadingImport = z.object({
  roomId: zId,
  fileName: text('文件名', 260).min(1, { error: '请选择文件' }),
  base64: z
    .string({ error: '文件内容为空' })
    .min(1, { error: '文件内容为空' })
    .max(Math.ceil(MAX_READINGS_CSV_BYTES / 3) * 4, { error: '文件过大（最多 8 MB），请拆分后分批导入' }),
});

export const zReadingAction = z.object({
  id: zId,
  action: text('处置措施', 200).min(1, { error: '请填写处置措施' }),
});

export const zCheckCreate = z
  .object({
    roomId: zId,
    checkDate: zDay,
    note: text('备注', 500).default(''),
    findings: z
      .array(
        z.object({
          guard: z.enum(NINE_GUARD_CODES as [NineGuard, ...NineGuard[]], { error: '九防项目无效' }),
          finding: text('发现的问题', 200).min(1, { error: '请写明发现的问题' }),
        }),
      )
      .max(9)
      .default([]),
  })
  .refine((c) => new Set(c.findings.map((f) => f.guard)).size === c.findings.length, {
    error: '同一项目只能记一条问题',
    path: ['findings'],
  });

export const zCheckList = z.object({
  roomId: zId,
  limit: z.number().int().min(1).max(200).default(50),
});

export const zFindingClose = z.object({
  id: zId,
  followUp: text('整改情况', 500).min(1, { error: '请写明整改情况' }),
});

export interface RoomView {
  id: string;
  code: string;
  name: string;
  tempMin: number;
  tempMax: number;
  humidityMin: number;
  humidityMax: number;
  version: number;
}

/** Which side of the room's range a value is on; null when inside. */
export type RangeSide = 'low' | 'high' | null;

export interface ReadingView {
  id: string;
  roomId: string;
  takenAt: string;
  temperature: number;
  humidity: number;
  recordedBy: string;
  source: 'keyboard' | 'csv';
  action: string;
  temperatureSide: RangeSide;
  humiditySide: RangeSide;
  outOfRange: boolean;
}

export interface ReadingDay {
  date: string;
  count: number;
  outOfRange: number;
}

export interface ReadingLog {
  room: RoomView;
  from: string;
  to: string;
  /** Oldest first. */
  readings: ReadingView[];
  total: number;
  outOfRange: number;
  /** Out-of-range readings with no action written yet. */
  withoutAction: number;
  days: ReadingDay[];
  /** Days of the period (up to today) with fewer than two readings: 缺测. */
  thinDays: string[];
}

export interface ReadingImportResult {
  imported: number;
  /** Rows at a minute the room already had (the same file imported again). */
  skipped: number;
  outOfRange: number;
  encoding: 'utf-8' | 'gbk';
  first: string | null;
  last: string | null;
}

/** A bad row of a CSV; `line` counts from 1 with the header line. */
export interface ReadingImportError {
  line: number;
  message: string;
}

export interface FindingView {
  id: string;
  checkId: string;
  guard: NineGuard;
  finding: string;
  followUp: string;
  closedAt: string | null;
  closedBy: string | null;
  version: number;
}

export interface CheckView {
  id: string;
  roomId: string;
  checkDate: string;
  checkedBy: string;
  note: string;
  findings: FindingView[];
}

export interface CheckList {
  checks: CheckView[];
  /** Every finding not closed yet, of any date, with its check's date. */
  open: (FindingView & { checkDate: string })[];
}
