/** The closed vocabularies form fields are checked against. */
import type { EnumList } from '../../contract/forms';

/** 中国各民族名称 (GB/T 3304-1991), in the standard's order. */
const ETHNICITY = (
  '汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 ' +
  '景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 ' +
  '裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
)
  .split(' ')
  .map((n) => n + '族');

export const VOCAB: Record<EnumList, readonly string[]> = {
  ethnicity: ETHNICITY,
  // 学历 (GB/T 4658-2006), in the words 户籍 forms use.
  education: [
    '博士研究生',
    '硕士研究生',
    '大学本科',
    '大学专科',
    '中等专科',
    '职业高中',
    '技工学校',
    '普通高中',
    '初级中学',
    '小学',
    '文盲或半文盲',
  ],
  // 婚姻状况 (GB/T 2261.2-2003).
  marital: ['未婚', '已婚', '初婚', '再婚', '复婚', '丧偶', '离婚'],
  householdType: ['家庭户', '集体户'],
  military: ['未服兵役', '退出现役', '预备役', '服现役'],
  blood: ['A型', 'B型', 'O型', 'AB型', '不明'],
  // 居住证暂行条例 Art. 2: residence based on employment, a home, or study.
  residenceBasis: ['就业', '住所', '就读'],
  // 与户主关系 (GB/T 4761-2008 家庭关系), the words registers use.
  relation: (
    '户主 配偶 夫 妻 子 女 长子 次子 三子 长女 次女 三女 孙子 孙女 外孙子 外孙女 父 母 父亲 母亲 祖父 祖母 ' +
    '外祖父 外祖母 兄 弟 姐 妹 儿媳 女婿 侄子 侄女 其他'
  ).split(' '),
};

/**
 * Characters chi_sim and PP-OCR take for one another in printed labels and words: a
 * label read with one of these in place of the other still counts as found (at half a slip).
 */
export const LOOKALIKE_PAIRS: readonly (readonly [string, string])[] = [
  ['木', '本'],
  ['未', '末'],
  ['己', '已'],
  ['士', '土'],
  ['入', '人'],
  ['主', '生'],
  ['曰', '日'],
  ['大', '太'],
  ['户', '戸'],
  ['名', '各'],
  ['址', '扯'],
  ['贯', '惯'],
  ['籍', '藉'],
  ['别', '剔'],
  ['号', '弓'],
  ['期', '朗'],
  ['证', '征'],
  ['迁', '辻'],
];

/** Short forms people write for a listed value (汉 for 汉族, 初中 for 初级中学 …). */
export function expandShortForm(list: EnumList, value: string): string {
  if (list === 'ethnicity' && value && !value.endsWith('族') && VOCAB.ethnicity.includes(value + '族'))
    return value + '族';
  if (list === 'education') {
    const short: Record<string, string> = {
      本科: '大学本科',
      大专: '大学专科',
      中专: '中等专科',
      高中: '普通高中',
      初中: '初级中学',
    };
    return short[value] ?? value;
  }
  if (list === 'blood' && /^(A|B|O|AB)$/.test(value)) return value + '型';
  return value;
}
