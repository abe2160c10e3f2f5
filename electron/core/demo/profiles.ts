/**
 * What a record of each default category looks like: its share of the archive, title,
 * 责任者, 文号, pages, extra fields and linked persons. Keyed by the category's full code.
 */
import type { Retention } from '../../contract/domain';
import { address, aged, cn, draft, YEAR, type At, type Draft, type Env, type Profile } from './draft';
import { YMD } from './people';
import type { Rng } from './rng';
import { VOLUME_PROFILES } from './volume-profiles';
import * as V from './vocab';

export type { At, Draft, Env, Profile, VolumeDraft } from './draft';

function huji(kind: keyof typeof V.HJ_FORMS, businessType: string): Profile['item'] {
  return (e, at) => {
    const { rng: r, people: p } = e;
    let subject: number;
    let head: number | null = null;
    if (kind === 'CS') {
      subject = p.create(at.day - r.range(3, 90), at.day);
      head = aged(e, at, 20, 45, 0.4);
    } else if (kind === 'ZX') subject = aged(e, at, 45, 100, 0.4);
    else {
      subject = aged(e, at, 1, 85, 0.35, kind !== 'QR');
      if (r.chance(0.5)) head = aged(e, at, 20, 85, 0.4);
    }
    const name = p.names[subject]!;
    const form = r.pick(V.HJ_FORMS[kind]);
    const title = kind === 'QC' && r.chance(0.4) ? `${name}迁往${r.pick(V.MOVE_FROM)}迁出材料` : name + form;
    const d = draft(title, e.unit, r.range(2, 12), {
      householder: p.names[head ?? subject]!,
      idNumber: p.idNumbers[subject]!,
      businessType,
      acceptDate: YMD[at.day]!,
      handler: r.pick(e.officers),
    });
    d.persons = head === null || head === subject ? [subject] : [subject, head];
    return d;
  };
}

const WS_ISSUERS: [string, string, number][] = [
  [V.BUREAU, '北公', 45],
  ['', '', 35], // the station itself
  ['北港县人民政府', '北政发', 8],
  ['北港县公安局治安大队', '北公治', 12],
];

export const PROFILES: Record<string, Profile> = {
  ...VOLUME_PROFILES,
  ZY: {
    weight: 1,
    item: (e, at) =>
      draft(`${e.rng.pick(V.ZY_FORMS)}（${at.year}年第${e.rng.range(1, 6)}册）`, e.unit, e.rng.range(20, 200)),
  },
  'ZY·HJ': { weight: 2, item: huji('HJ', '其他') },
  'ZY·HJ·CS': { weight: 12, item: huji('CS', '出生入户') },
  'ZY·HJ·QR': { weight: 12, item: huji('QR', '迁入') },
  'ZY·HJ·QC': { weight: 9, item: huji('QC', '迁出') },
  'ZY·HJ·BG': { weight: 7, item: huji('BG', '变更更正') },
  'ZY·HJ·ZX': { weight: 6, item: huji('ZX', '死亡注销') },
  'ZY·CR': {
    weight: 8,
    item: (e, at) => {
      const r = e.rng;
      const who = aged(e, at, 16, 70, 0.35);
      const [docType, prefix] = r.pick(V.CR_DOCS);
      const d = draft(`${e.people.names[who]}${docType}申请材料`, e.unit, r.range(3, 8), {
        applicant: e.people.names[who]!,
        idNumber: e.people.idNumbers[who]!,
        docType,
        docNo: prefix + String(r.int(1e8)).padStart(8, '0'),
        acceptDate: YMD[at.day]!,
      });
      d.persons = [who];
      return d;
    },
  },
  'ZY·ZZ': {
    weight: 15,
    item: (e, at) => {
      const r = e.rng;
      const who = aged(e, at, 16, 60, 0.25, false);
      const also = r.chance(0.25) ? aged(e, at, 16, 60, 0.2, false) : who;
      const name = e.people.names[who]!;
      const d = draft(`${name}${also !== who ? '等' : ''}${r.pick(V.ZZ_FORMS)}`, e.unit, r.range(1, 6), {
        registrant: name,
        idNumber: e.people.idNumbers[who]!,
        address: address(r),
        basis: r.pick(['就业', '就业', '就业', '住所', '就读', '其他']),
        regDate: YMD[at.day]!,
      });
      d.persons = also !== who ? [who, also] : [who];
      return d;
    },
  },
  'ZY·XF': {
    weight: 4,
    item: (e, at) => {
      const r = e.rng;
      const who = aged(e, at, 18, 80, 0.35);
      const also = r.chance(0.2) ? aged(e, at, 18, 80, 0.3) : who;
      const names = also !== who ? `${e.people.names[who]}、${e.people.names[also]}` : e.people.names[who]!;
      const matter = r.pick(V.XF_MATTERS);
      const d = draft(`${e.people.names[who]}${also !== who ? '等' : ''}反映${matter}的信访件`, names, r.range(2, 20), {
        petitioner: names,
        petitionDate: YMD[at.day]!,
        matter: `反映${matter}问题，请求依法处理`,
        outcome: r.pick(V.XF_OUTCOMES),
      });
      if (r.chance(0.4)) d.docNumber = `北公信〔${at.year}〕${e.next('XF', at.year)}号`;
      d.persons = also !== who ? [who, also] : [who];
      return d;
    },
  },
  WS: {
    weight: 7,
    orgs: [
      ['ZH', 50],
      ['ZA', 30],
      ['HZ', 20],
    ],
    item: (e, at) => {
      const r = e.rng;
      const [issuer, prefix] = pickIssuer(r);
      const author = issuer || e.unit;
      const d = draft(r.pick(V.WS_FORMS)(r.pick(V.WS_TOPICS), e.unit, at.year), author, r.range(1, 20));
      const p = prefix || e.unitAbbr;
      if (r.chance(0.85)) d.docNumber = `${p}〔${at.year}〕${e.next(p, at.year)}号`;
      return d;
    },
  },
  ZP: {
    weight: 1.5,
    item: (e, at) => {
      const r = e.rng;
      const town = r.pick(V.TOWNS);
      return draft(`${town}${r.pick(V.ZP_EVENTS)}照片（${cn(at.day)}）`, e.unit, null, {
        photographer: r.pick(e.officers),
        place: `${V.COUNTY}${town}`,
        photoCount: String(r.range(1, 60)),
      });
    },
  },
  LY: { weight: 0.5, item: (e, at) => media(e, at, V.LY_FORMS, 'LY') },
  LX: { weight: 0.5, item: (e, at) => media(e, at, V.LX_FORMS, 'LX') },
  SW: {
    weight: 0.5,
    item: (e, at) => {
      const r = e.rng;
      const form = r.pick(V.SW_FORMS);
      const title =
        form === '锦旗' ? `锦旗（${e.people.name(at.day - 40 * YEAR, r.chance(0.5))}赠）` : `${at.year}年度${form}`;
      return draft(title, e.unit, null, {
        quantity: '1',
        material: form === '锦旗' ? '丝绸' : r.pick(['铜质', '水晶', '纸质']),
      });
    },
  },
};

function pickIssuer(r: Rng): [string, string] {
  let x = r.next() * 100;
  for (const [name, prefix, w] of WS_ISSUERS) if ((x -= w) < 0) return [name, prefix];
  return ['', ''];
}

function media(e: Env, at: At, forms: string[], code: string): Draft {
  const r = e.rng;
  return draft(`${r.pick(forms)}（${cn(at.day)}）`, e.unit, null, {
    duration: `${r.range(1, 90)}分${r.range(0, 59)}秒`,
    carrierNo: `${code}${at.year}-${String(e.next(code, at.year)).padStart(3, '0')}`,
  });
}

/** A category the default scheme does not have (added by the user): plain titles only. */
export function genericProfile(name: string, arrangement: 'item' | 'volume'): Profile {
  const item = (e: Env, at: At): Draft => draft(`${name}材料（${cn(at.day)}）`, e.unit, e.rng.range(1, 30));
  return arrangement === 'volume'
    ? { weight: 0.5, span: 60, volume: (e, at) => ({ title: `${at.year}年${name}案卷`, item: (_k, a) => item(e, a) }) }
    : { weight: 0.5, item };
}

/** Retention: mostly the category default, some files kept longer or shorter. */
export function retentionChoices(def: Retention, code: string): [Retention, number][] {
  if (code === 'WS')
    return [
      ['Y', 60],
      ['D30', 30],
      ['D10', 10],
    ];
  const others = (['Y', 'D30', 'D10'] as const).filter((r) => r !== def);
  return [[def, 92] as [Retention, number], ...others.map((r): [Retention, number] => [r, 4])];
}
