/**
 * What each category's paper reads like once scanned: the form's heading and labelled
 * fields (filled from the item's own persons, dates and numbers), the kind of sentences
 * its body is made of, and the sign-off. Keyed by the category's full code, like PROFILES.
 * Heads and sign-offs stay under ~200 characters together, so the shortest texts still
 * have room for them.
 */
import { BUREAU, COUNTY, MOVE_FROM } from './vocab';
import type { Draft } from './draft';
import type { Rng } from './rng';
import * as P from './page-vocab';

/** What a form writer can use while building one item's text (pages.ts). */
export interface Sheet {
  readonly rng: Rng;
  /** The station's full name (北港县公安局…派出所). */
  readonly unit: string;
  readonly officers: readonly string[];
  line(s: string): void;
  /** A number, sometimes in full-width digits as some printers set them. */
  num(n: number | string): string;
  date(day: number): string;
  /** A YYYYMMDD string as 2019年5月3日. */
  ymd(s: string): string;
  name(p: number): string;
  idNumber(p: number): string;
  birth(p: number): string;
  male(p: number): boolean;
  /** Where a person lives: the same address on every paper of theirs. */
  home(p: number): string;
  nation(): string;
}

/** Writes the head lines and returns the sign-off (which starts with a line break). */
type Head = (s: Sheet, d: Draft, ps: number[], day: number) => string;

export interface Form {
  head: Head;
  fill: readonly string[];
  trad: readonly string[];
}

const sex = (s: Sheet, p: number) => (s.male(p) ? '男' : '女');

const person = (s: Sheet, p: number) => {
  s.line(`姓名：${s.name(p)}　性别：${sex(s, p)}　民族：${s.nation()}\n`);
  s.line(`出生日期：${s.birth(p)}\n公民身份号码：${s.idNumber(p)}\n`);
};

const HJ_TITLES = {
  HJ: '常住人口登记表',
  CS: '出生登记表',
  QR: '准予迁入证明',
  QC: '户口迁移证',
  BG: '户口登记项目变更更正申请表',
  ZX: '死亡注销户口登记表',
} as const;

function huji(kind: keyof typeof HJ_TITLES): Form {
  const head: Head = (s, d, ps, day) => {
    const r = s.rng;
    const sub = ps[0]!;
    const hh = ps[1] ?? sub;
    s.line(HJ_TITLES[kind] + '\n');
    if (kind === 'QR' || kind === 'QC') s.line(`编号：${s.num(r.range(1, 9999))}\n`);
    const rel =
      hh === sub ? '户主' : kind === 'CS' ? (s.male(sub) ? '子' : '女') : r.pick(s.male(sub) ? P.REL_M : P.REL_F);
    s.line(`户主姓名：${s.name(hh)}　与户主关系：${rel}\n`);
    person(s, sub);
    const from = `${r.pick(MOVE_FROM)}${r.pick(P.FAR_TOWNS)}`;
    if (kind === 'QR') {
      s.line(`迁出地：${from}\n迁入地：${s.home(sub)}\n迁入原因：${r.pick(P.QR_REASONS)}\n`);
    } else if (kind === 'QC') {
      s.line(`迁出地：${s.home(sub)}\n迁往地：${from}\n迁移原因：${r.pick(P.QC_REASONS)}\n`);
    } else {
      s.line(`住址：${s.home(sub)}\n`);
      if (kind === 'CS') s.line(`出生地点：${r.pick(P.HOSPITALS)}\n`);
      else if (kind === 'ZX') s.line(`死亡日期：${s.date(day - r.range(2, 40))}　注销原因：${r.pick(P.DEATHS)}\n`);
      else if (kind === 'BG') {
        const name = s.name(sub);
        s.line(`变更更正项目：姓名　变更前：${name.slice(0, 1)}${r.pick(P.OLD_GIVEN)}　变更后：${name}\n`);
      }
    }
    return `\n承办人：${d.extra.handler ?? r.pick(s.officers)}　${s.date(day)}\n${s.unit}（户口专用章）`;
  };
  return { head, fill: P.HJ_FILL, trad: P.TRAD_HJ };
}

const signed = (s: Sheet, role: string, day: number) =>
  `\n${role}：${s.rng.pick(s.officers)}　${s.date(day)}\n${s.unit}`;

/** Number and place of an accident, the same on every paper of its volume. */
function accident(s: Sheet, d: Draft): { no: string; place: string; hh: number; mm: number } {
  const no = d.extra.accidentNo ?? '';
  const h = Number(no.slice(-4)) || 0;
  const at = d.extra.place ?? COUNTY;
  const road = at.endsWith('路') && !at.endsWith('公路');
  const place = road ? `${at}${s.num(((h * 37) % 297) + 1)}号附近` : `${at}${s.num((h * 7) % 40)}公里处`;
  return { no: s.num(no), place, hh: 6 + ((h * 5) % 16), mm: (h * 13) % 60 };
}

const JT: Form = {
  head: (s, d, ps, day) => {
    const r = s.rng;
    const a = accident(s, d);
    const when = `${s.ymd(d.extra.accidentDate ?? '')}${a.hh}时${a.mm}分`;
    if (d.title.includes('询问笔录')) {
      const p = ps[0]!;
      s.line(`询问笔录\n时间：${s.date(day)}　地点：${BUREAU}交通警察大队\n询问人：${r.pick(s.officers)}\n`);
      s.line(`被询问人：${s.name(p)}　性别：${sex(s, p)}　公民身份号码：${s.idNumber(p)}\n住址：${s.home(p)}\n`);
      return `\n以上笔录我看过，与我说的相符。\n被询问人：${s.name(p)}　${s.date(day)}`;
    }
    const cert = d.title.includes('认定书');
    s.line(`${cert ? '道路交通事故认定书' : d.title}\n事故编号：${a.no}\n`);
    s.line(`事故时间：${when}　天气：${r.pick(P.WEATHER)}\n事故地点：${a.place}\n`);
    for (const p of ps) s.line(`当事人：${s.name(p)}　${sex(s, p)}　公民身份号码：${s.idNumber(p)}\n`);
    if (!cert) return `\n${d.author}　${s.date(day)}`;
    s.line('道路交通事故发生经过：');
    return `\n当事人${s.name(ps[0]!)}承担此事故的${r.pick(P.JT_RESP)}。\n交通警察：${r.pick(s.officers)}　${s.date(day)}`;
  },
  fill: P.JT_FILL,
  trad: P.TRAD_JT,
};
const JT_QA: Form = { ...JT, fill: P.JT_QA };

const generic = (title: (d: Draft) => string, fill: readonly string[]): Form => ({
  head: (s, d, _ps, day) => {
    s.line(title(d) + '\n');
    return `\n${s.unit}　${s.date(day)}`;
  },
  fill,
  trad: P.TRAD_GEN,
});

export const FORMS: Record<string, Form> = {
  ZY: generic((d) => d.title, P.ZY_FILL),
  'ZY·HJ': huji('HJ'),
  'ZY·HJ·CS': huji('CS'),
  'ZY·HJ·QR': huji('QR'),
  'ZY·HJ·QC': huji('QC'),
  'ZY·HJ·BG': huji('BG'),
  'ZY·HJ·ZX': huji('ZX'),
  'ZY·CR': {
    head: (s, d, ps, day) => {
      const r = s.rng;
      const p = ps[0]!;
      s.line(`中国公民出入境证件申请表\n申请类别：${r.pick(P.CR_KINDS)}　证件类别：${d.extra.docType ?? '护照'}\n`);
      person(s, p);
      s.line(`户口所在地：${s.home(p)}\n前往国家（地区）：${r.pick(P.CR_DESTS)}　事由：${r.pick(P.CR_REASONS)}\n`);
      if (d.extra.docNo) s.line(`证件号码：${s.num(d.extra.docNo)}\n`);
      return signed(s, '受理人', day);
    },
    fill: P.CR_FILL,
    trad: P.TRAD_GEN,
  },
  'ZY·ZZ': {
    head: (s, d, ps, day) => {
      const r = s.rng;
      s.line(`${r.pick(['居住登记表', '流动人口居住登记表', '居住证申领登记表'])}\n`);
      person(s, ps[0]!);
      s.line(`户籍地址：${r.pick(MOVE_FROM)}${r.pick(P.FAR_TOWNS)}\n居住地址：${d.extra.address ?? s.home(ps[0]!)}\n`);
      s.line(`居住事由：${d.extra.basis ?? '就业'}\n`);
      if (ps[1] !== undefined) s.line(`同住人：${s.name(ps[1])}　公民身份号码：${s.idNumber(ps[1])}\n`);
      return signed(s, '登记民警', day);
    },
    fill: P.ZZ_FILL,
    trad: P.TRAD_GEN,
  },
  'ZY·XF': {
    head: (s, d, ps, day) => {
      const r = s.rng;
      const p = ps[0]!;
      s.line(`信访事项登记表\n信访人：${d.extra.petitioner ?? s.name(p)}　信访方式：${r.pick(P.XF_WAYS)}\n`);
      s.line(`公民身份号码：${s.idNumber(p)}\n住址：${s.home(p)}\n`);
      if (d.docNumber) s.line(`编号：${d.docNumber}\n`);
      s.line(`反映事项：${d.extra.matter ?? ''}\n尊敬的领导：`);
      return `\n处理意见：${d.extra.outcome ?? '已办结'}。\n承办人：${r.pick(s.officers)}　${s.date(day)}\n${s.unit}`;
    },
    fill: P.XF_FILL,
    trad: P.TRAD_XF,
  },
  'ZY·JT': JT,
  'ZY·CL': {
    head: (s, d, ps, day) => {
      const r = s.rng;
      const p = ps[0]!;
      s.line(`${d.title}\n号牌号码：${s.num(d.extra.plateNo ?? '')}　车辆类型：${d.extra.vehicleType ?? ''}\n`);
      s.line(`机动车所有人：${s.name(p)}　身份证明号码：${s.idNumber(p)}\n住所地址：${s.home(p)}\n`);
      s.line(`品牌型号：${r.pick(P.CL_BRANDS)}　车身颜色：${r.pick(P.COLORS)}\n`);
      return `\n查验员：${r.pick(s.officers)}　${s.date(day)}\n${d.author}`;
    },
    fill: P.CL_FILL,
    trad: P.TRAD_GEN,
  },
  KU: {
    head: (s, d, _ps, day) => {
      const r = s.rng;
      s.line(`${d.title}\n日期：${s.date(day)}　凭证号：${s.num(d.extra.voucherRange ?? '1')}\n`);
      s.line(`科目：${r.pick(P.KU_SUBJECTS)}　金额：${s.num(r.range(20, 20000))}.${r.range(10, 99)}元\n摘要：`);
      const o = s.officers;
      return `\n会计主管：${r.pick(o)}　出纳：${r.pick(o)}　经办人：${r.pick(o)}\n${s.unit}`;
    },
    fill: P.KU_FILL,
    trad: P.TRAD_GEN,
  },
  WS: {
    head: (s, d, _ps, day) => {
      s.line(`${d.author}\n`);
      if (d.docNumber) s.line(`${d.docNumber}\n`);
      s.line(`${d.title}\n${s.rng.pick(P.WS_TO)}\n`);
      return `\n${d.author}\n${s.date(day)}`;
    },
    fill: P.WS_FILL,
    trad: P.TRAD_GEN,
  },
  ZP: {
    head: (s, d, _ps, day) => {
      s.line(`照片说明\n题名：${d.title}\n时间：${s.date(day)}　地点：${d.extra.place ?? COUNTY}\n`);
      s.line(`摄影者：${d.extra.photographer ?? ''}　张数：${s.num(d.extra.photoCount ?? '1')}\n`);
      return `\n${s.unit}`;
    },
    fill: P.ZP_FILL,
    trad: P.TRAD_GEN,
  },
  LY: generic(
    (d) => `${d.title}文字记录\n载体编号：${d.extra.carrierNo ?? ''}　时长：${d.extra.duration ?? ''}`,
    P.AV_FILL,
  ),
  LX: generic(
    (d) => `${d.title}情况说明\n载体编号：${d.extra.carrierNo ?? ''}　时长：${d.extra.duration ?? ''}`,
    P.AV_FILL,
  ),
  SW: generic(
    (d) => `实物档案登记表\n名称：${d.title}\n数量：${d.extra.quantity ?? '1'}　材质：${d.extra.material ?? ''}`,
    P.SW_FILL,
  ),
};

const GENERIC: Form = generic((d) => d.title, P.GEN_FILL);

/**
 * The form for a category's items; a category the default scheme does not have gets its
 * title and plain sentences. 询问笔录 in a 交通事故 volume read as questions and answers.
 */
export function formFor(code: string): (d: Draft) => Form {
  if (code === 'ZY·JT') return (d) => (d.title.includes('询问笔录') ? JT_QA : JT);
  const form = FORMS[code] ?? GENERIC;
  return () => form;
}
