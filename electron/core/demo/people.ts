/**
 * Demo persons: Chinese names with realistic repetition (surnames by frequency, given
 * names of one or two characters that follow the birth era) and valid 18-digit
 * 公民身份号码 (GB 11643: region, birth date, sequence with sex parity, check digit).
 */
import { checkDigit } from '../persons';
import { Rng, Weighted, zipf } from './rng';

// Share in ‰ of the population, roughly per the 2020 census (top ~100, plus compound surnames).
const SURNAMES = `王71 李70 张66 刘54 陈46 杨31 黄22 赵21 吴20 周19 徐15 孙15 马14 朱13 胡12 郭11 何11 林10 高10 罗9
  郑9 梁8 谢7 宋6 唐6 许6 韩6 冯6 邓6 曹5 彭5 曾5 肖5 田5 董5 袁4 潘4 于4 蒋4 蔡4 余4 杜4 叶4 程4 苏3 魏3 吕3 丁3
  任3 沈3 姚3 卢3 姜3 崔3 钟3 谭3 陆3 汪3 范3 金3 石3 廖2 贾2 夏2 韦2 付2 方2 白2 邹2 孟2 熊2 秦2 邱2 江2 尹2 薛2
  闫2 段2 雷2 侯2 龙2 史2 陶2 黎2 贺2 顾2 毛2 郝2 龚2 邵2 万1 钱1 严1 覃1 武1 戴1 莫1 孔1 向1 汤1 欧阳0.5 司马0.1 诸葛0.1`
  .split(/\s+/)
  .filter(Boolean)
  .map((s): [string, number] => {
    const m = /^(\D+)([\d.]+)$/.exec(s)!;
    return [m[1]!, Number(m[2])];
  });

const chars = (s: string) => [...s];
const SINGLE_M = chars('伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建亮成峰');
const SINGLE_F = chars('芳娜敏静丽艳娟霞秀玲燕英慧红梅琳雪倩婷颖洁萍丹玉兰琴云莉');

interface Era {
  until: number;
  single: number;
  m: string[];
  f: string[];
  lead: string[];
}
const words = (s: string) => s.split(' ');
const ERAS: Era[] = [
  {
    until: 1960,
    single: 0.2,
    m: words('建国 建华 国强 国庆 志强 德明 福林 文华 永刚 振华 国华 建军 德华 玉林 春生 长青'),
    f: words('秀英 桂英 秀兰 玉兰 桂兰 淑珍 凤英 玉梅 秀珍 玉珍 桂珍 凤兰 淑英 秀云 素珍 翠兰'),
    lead: chars('建国德福玉秀桂淑凤文永志'),
  },
  {
    until: 1985,
    single: 0.45,
    m: words('志刚 海涛 建平 晓东 小军 立新 永强 春雷 志勇 海军 建伟 卫东 红军 向东 国平 文斌'),
    f: words('丽华 丽娟 晓燕 海燕 春梅 红梅 艳红 小红 晓红 丽萍 雪梅 美玲 秀梅 彩霞 春燕 金凤'),
    lead: chars('晓海建立春小红丽志卫美爱'),
  },
  {
    until: 2005,
    single: 0.2,
    m: words('浩然 宇航 子豪 俊杰 浩宇 子轩 博文 天宇 鑫磊 家豪 志豪 文杰 一鸣 晨阳 嘉伟 泽宇'),
    f: words('欣怡 佳怡 雨欣 思雨 梦瑶 诗涵 子涵 雨萱 佳琪 婷婷 欣悦 晓彤 雨婷 思琪 佳慧 文静'),
    lead: chars('浩子俊雨思佳梦诗欣嘉天文'),
  },
  {
    until: 9999,
    single: 0.08,
    m: words('梓轩 浩宇 子墨 宇轩 沐宸 一诺 奕辰 俊熙 浩然 睿泽 子骞 宇泽 铭轩 皓轩 梓睿 承泽'),
    f: words('一诺 欣怡 梓涵 若汐 可馨 语桐 依诺 子涵 诗涵 雨桐 梓萱 芷若 欣妍 语汐 沐瑶 可欣'),
    lead: chars('梓子沐一若语依芷欣雨宇奕'),
  },
];

/** 6-digit region codes: the home county dominates, then neighbours, then far-away provinces. */
const REGIONS: [string, number][] = [
  ['330523', 55],
  ['330521', 8],
  ['330522', 7],
  ['330502', 6],
  ['341221', 4],
  ['412726', 4],
  ['511321', 3],
  ['430524', 3],
  ['522227', 2],
  ['360731', 2],
  ['421127', 3],
  ['452124', 3],
];

/** Day 0 is 1930-01-01; a table of YYYYMMDD strings through 2030 avoids Date work per row. */
export const DAY0_YEAR = 1930;
const DAY_MS = 86_400_000;
const BASE_MS = Date.UTC(DAY0_YEAR, 0, 1);
export const YMD: string[] = [];
export const YEAR_START: number[] = [];
for (let ms = BASE_MS, y = DAY0_YEAR - 1; ms < Date.UTC(2031, 0, 1); ms += DAY_MS) {
  const d = new Date(ms);
  if (d.getUTCFullYear() !== y) YEAR_START[(y = d.getUTCFullYear()) - DAY0_YEAR] = YMD.length;
  YMD.push(`${y}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`);
}
/** First day index of a year (years 1930–2031). */
export const dayOf = (year: number): number => YEAR_START[year - DAY0_YEAR] ?? YMD.length;
/** The year a day index falls in. */
export const yearOfDay = (day: number): number => Number(YMD[Math.min(Math.max(0, day), YMD.length - 1)]!.slice(0, 4));
/** Day index of a moment (UTC). */
export const dayIndex = (d: Date): number => Math.floor((d.getTime() - BASE_MS) / DAY_MS);

export interface NewPerson {
  index: number;
  name: string;
  idNumber: string;
}

/**
 * The person pool of one demo run. Persons are reused across records (一人一档): a
 * share of every record's persons are people already seen, if their age fits.
 */
export class People {
  readonly names: string[] = [];
  readonly idNumbers: string[] = [];
  readonly births: number[] = [];
  private readonly surnames = new Weighted(SURNAMES);
  private readonly regions = new Weighted(REGIONS.map(([, w], i) => [i, w] as const));
  private readonly eraPicks = ERAS.map((e) => ({ m: new Weighted(zipf(e.m)), f: new Weighted(zipf(e.f)) }));
  private readonly singleM = new Weighted(zipf(SINGLE_M, 1));
  private readonly singleF = new Weighted(zipf(SINGLE_F, 1));
  /** Sequence counters per region, birth day and sex, so numbers never repeat. */
  private readonly seq = new Uint16Array(REGIONS.length * YMD.length * 2);

  constructor(
    private readonly rng: Rng,
    /** Numbers already in the database (a second demo run must not collide with them). */
    private readonly taken: ReadonlySet<string>,
    private readonly onCreate: (p: NewPerson) => void,
  ) {}

  get size(): number {
    return this.names.length;
  }

  /** A name for someone born on `day` (also used for handlers and officials). */
  name(day: number, male: boolean): string {
    const r = this.rng;
    const era = ERAS.findIndex((e) => day < dayOf(e.until));
    const e = ERAS[era]!;
    let given: string;
    if (r.chance(e.single)) given = (male ? this.singleM : this.singleF).pick(r);
    else if (r.chance(0.55)) given = this.eraPicks[era]![male ? 'm' : 'f'].pick(r);
    else given = r.pick(e.lead) + (male ? this.singleM : this.singleF).pick(r);
    return this.surnames.pick(r) + given;
  }

  private idNumber(day: number, male: boolean, region: number): string | null {
    const key = ((region * YMD.length + day) << 1) | (male ? 1 : 0);
    const n = this.seq[key]!;
    this.seq[key] = n + 1;
    // A stable per-day base (派出所 segment) plus two per person keeps the parity for the sex.
    const base = (((key * 2654435761) >>> 0) % 300) & ~1;
    const s = base + 2 * n + (male ? 1 : 0);
    if (s > 999) return null;
    const first17 = REGIONS[region]![0] + YMD[day]! + String(s).padStart(3, '0');
    const id = first17 + checkDigit(first17);
    return this.taken.has(id) ? null : id;
  }

  /** A new person born between two days (inclusive); `local` prefers the home county. */
  create(fromDay: number, toDay: number, local = true): number {
    const r = this.rng;
    for (;;) {
      const day = r.range(fromDay, toDay);
      const male = r.chance(0.5);
      const region = local && r.chance(0.6) ? 0 : this.regions.pick(r);
      const idNumber = this.idNumber(day, male, region);
      if (!idNumber) continue;
      const index = this.names.length;
      const name = this.name(day, male);
      this.names.push(name);
      this.idNumbers.push(idNumber);
      this.births.push(day);
      this.onCreate({ index, name, idNumber });
      return index;
    }
  }

  /** Someone born in the range: often a person seen before (if one of that age turns up), otherwise a new one. */
  get(fromDay: number, toDay: number, reuse = 0.3, local = true): number {
    if (this.names.length > 0 && this.rng.chance(reuse)) {
      for (let tries = 0; tries < 4; tries++) {
        const j = this.rng.int(this.names.length);
        const b = this.births[j]!;
        if (b >= fromDay && b <= toDay) return j;
      }
    }
    return this.create(fromDay, toDay, local);
  }
}
