/** Profiles of the 按卷 categories: 交通事故 (one accident per volume), 车辆 (one vehicle), 会计 (one book). */
import { YMD } from './people';
import { aged, draft, type Profile } from './draft';
import * as V from './vocab';

export const VOLUME_PROFILES: Record<string, Profile> = {
  'ZY·JT': {
    weight: 6,
    span: 60,
    volume: (e, at) => {
      const r = e.rng;
      const kind = r.pick(V.JT_KINDS);
      const a = aged(e, at, 18, 70, 0.25);
      const b = kind === '单车' || kind === '货车侧翻' ? null : aged(e, at, 16, 75, 0.25);
      const place = r.chance(0.6) ? r.pickSkewed(V.ROADS) : r.pick(V.HIGHWAYS);
      const parties = b === null ? [a] : [a, b];
      const extra = {
        accidentNo: `SG${at.year}${String(e.next('JT', at.year)).padStart(4, '0')}`,
        parties: parties.map((x) => e.people.names[x]).join('、'),
        accidentDate: YMD[at.day]!,
        place: `${V.COUNTY}${r.pick(V.TOWNS)}${place}`,
        accidentType: r.chance(0.7) ? '财产损失' : r.chance(0.85) ? '伤人' : '死亡',
      };
      return {
        title: `${place}${kind}事故卷`,
        item: (k) => {
          let t = V.JT_DOCS[k % V.JT_DOCS.length]!;
          if (t === '@2询问笔录' && b === null) t = '证人询问笔录';
          const who = t.startsWith('@1') ? [a] : t.startsWith('@2') ? [b!] : parties;
          t = t.replace('@1', e.people.names[a]!).replace('@2', b === null ? '' : e.people.names[b]!);
          if (k >= V.JT_DOCS.length) t += `（${Math.floor(k / V.JT_DOCS.length) + 1}）`;
          const author = t.includes('血液')
            ? '北港县人民医院'
            : t.includes('技术检验')
              ? '北港县机动车检测站'
              : `${V.BUREAU}交通警察大队`;
          const d = draft(t, author, r.range(1, 15), extra);
          d.persons = who;
          return d;
        },
      };
    },
  },
  'ZY·CL': {
    weight: 6,
    span: 30,
    volume: (e, at) => {
      const r = e.rng;
      const owner = aged(e, at, 18, 70, 0.3);
      const type = r.pickSkewed(V.CL_TYPES);
      const plate = `浙E${'ABCDEFGHJKLMNPQRSTUVWXYZ'[r.int(24)]}${String(r.int(10000)).padStart(4, '0')}`;
      const extra = { plateNo: plate, vehicleType: type, owner: e.people.names[owner]!, regDate: YMD[at.day]! };
      return {
        title: `${plate}${type}档案`,
        item: (k) => {
          let t = V.CL_DOCS[k % V.CL_DOCS.length]!;
          if (k >= V.CL_DOCS.length) t += `（${Math.floor(k / V.CL_DOCS.length) + 1}）`;
          const d = draft(t, `${V.BUREAU}交通警察大队车辆管理所`, r.range(1, 6), extra);
          d.persons = [owner];
          return d;
        },
      };
    },
  },
  KU: {
    weight: 2,
    span: 28,
    volume: (e, at) => {
      const r = e.rng;
      const month = Number(YMD[at.day]!.slice(4, 6));
      const book = r.pick(V.KU_BOOKS);
      let from = 1;
      return {
        title: book === '记账凭证' ? `${at.year}年${month}月记账凭证` : `${at.year}年${book}`,
        item: (k) => {
          const to = from + r.range(5, 40);
          const d = draft(`${at.year}年${month}月第${from}—${to}号${book}`, e.unit, r.range(20, 150), {
            voucherRange: `${from}-${to}`,
          });
          if (book !== '记账凭证') d.title = `${at.year}年${book}（第${k + 1}册）`;
          from = to + 1;
          return d;
        },
      };
    },
  },
};
