/**
 * Header spellings: how a sheet's column header is folded before it is compared, and the
 * names stations' ledgers use for each field beyond the labels shown in the mapping list.
 */
import { halfWidth } from './convert';

/** Person fields as the mapping list names them; 姓名/公民身份号码 are their short forms. */
export const PERSON_LABELS = { personName: '人员姓名', personIdNumber: '人员公民身份号码' } as const;

/**
 * Spellings seen in stations' sheets, beyond the labels themselves. A category's own
 * extra-field label wins over these (人口与出入境 has its own 证件号码 for passports).
 */
export const ALIASES: Record<string, string> = {
  标题: 'title',
  文件题名: 'title',
  文件标题: 'title',
  责任人: 'author',
  责任单位: 'author',
  文件编号: 'docNumber',
  发文字号: 'docNumber',
  发文号: 'docNumber',
  形成日期: 'date',
  成文日期: 'date',
  文件日期: 'date',
  年份: 'year',
  归档年度: 'year',
  期限: 'retention',
  保管年限: 'retention',
  '机构(问题)': 'orgCode',
  机构: 'orgCode',
  档案号: 'archiveCode',
  总页数: 'pageCount',
  附注: 'remarks',
  秘密等级: 'securityLevel',
  人员: 'personName',
  人名: 'personName',
  身份证号: 'personIdNumber',
  身份证号码: 'personIdNumber',
  身份证: 'personIdNumber',
  公民身份证号: 'personIdNumber',
  公民身份证号码: 'personIdNumber',
  身份号码: 'personIdNumber',
  证件号码: 'personIdNumber',
  证件号: 'personIdNumber',
};

/**
 * Full-width letters, digits and punctuation to half-width, spaces dropped, every kind of
 * bracket to (), a trailing colon and required-field stars dropped, letters lower-cased.
 */
export const normalizeHeader = (h: string): string =>
  halfWidth(h)
    .replace(/\s+/g, '')
    .replace(/[[【〔〖{<〈《]/g, '(')
    .replace(/[\]】〕〗}>〉》]/g, ')')
    .replace(/^\*+|\*+$/g, '')
    .replace(/:$/, '')
    .toLowerCase();

/**
 * The spellings a normalised header is looked up by, in order: as it is, unwrapped when
 * the whole header is bracketed (【备注】), and without a note in brackets (页数（页）,
 * 公民身份号码(18位)), which names the same field.
 */
export const headerKeys = (normalized: string): string[] => [
  normalized,
  normalized.replace(/^\((.*)\)$/, '$1'),
  normalized.replace(/\([^)]*\)/g, ''),
];
