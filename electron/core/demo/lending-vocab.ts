/** Words of the demo's lending history: who asks, why, how, and what came of it (reference §9, §11). */
import type { BorrowerKind, LoanPurpose, LoanWay } from '../../contract/lending';
import type { Rng } from './rng';

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'];
export const GIVEN = [
  '建国',
  '海涛',
  '志强',
  '丽娟',
  '晓东',
  '明',
  '伟',
  '静',
  '磊',
  '芳',
  '国庆',
  '春燕',
  '文军',
  '红梅',
];

/** The station's own departments, for officers' requests. */
export const OFFICER_UNITS = ['刑侦中队', '治安中队', '社区警务队', '户籍室', '巡逻中队', '综合室', '县局法制大队'];

/** Other units that come with an introduction letter (介绍信). */
export const OTHER_UNITS = [
  '县人民法院',
  '县人民检察院',
  '县人力资源和社会保障局',
  '县民政局',
  '县司法局',
  '县地方志办公室',
  '县退役军人事务局',
  '城关镇人民政府',
];

/** Purposes and ways by who asks, most likely first (weights). */
export const PURPOSES: Record<BorrowerKind, [LoanPurpose, number][]> = {
  officer: [
    ['工作查考', 12],
    ['依法维权', 1],
    ['其他', 1],
  ],
  unit: [
    ['工作查考', 4],
    ['依法维权', 3],
    ['落实政策', 3],
    ['编史修志', 2],
  ],
  citizen: [
    ['依法维权', 4],
    ['就学就业', 3],
    ['落实政策', 3],
    ['其他', 1],
  ],
};

export const WAYS: Record<BorrowerKind, [LoanWay, number][]> = {
  officer: [
    ['阅览', 6],
    ['借出', 3],
    ['复制摘抄', 2],
  ],
  unit: [
    ['阅览', 3],
    ['复制摘抄', 4],
    ['出具证明', 2],
  ],
  citizen: [
    ['复制摘抄', 4],
    ['出具证明', 4],
    ['阅览', 2],
  ],
};

export const REASONS: Record<LoanPurpose, string[]> = {
  工作查考: ['案件侦办需核对原始材料', '核查户籍迁移经过', '治安案件复查', '信访事项核实'],
  编史修志: ['编写县公安志', '整理本所大事记'],
  依法维权: ['民事诉讼需要原始登记证明', '房产继承需证明亲属关系', '劳动争议取证'],
  就学就业: ['入学政审需户籍证明', '招录体检前核对出生日期'],
  落实政策: ['办理退休核对参加工作时间', '落实优抚待遇核对身份'],
  其他: ['核对个人信息', '补办证件前核对原始记录'],
};

export const SERVED: Record<LoanPurpose, string[]> = {
  工作查考: ['案件侦办', '户籍核查', '信访答复'],
  编史修志: ['史志编写'],
  依法维权: ['诉讼证据', '继承公证'],
  就学就业: ['政审证明', '就业登记'],
  落实政策: ['落实待遇', '退休审批'],
  其他: ['信息核对'],
};

export const APPROVE_COMMENTS = ['同意', '同意，按期归还', '同意，注意保密，不得转借', '同意，仅限阅览室查阅'];
export const REJECT_COMMENTS = ['介绍信不全，请补充后再来', '所查档案与申请事由无关', '超出本人查档范围，不予提供'];
export const UNSOLVED = ['档案中未见所需记载', '所需材料不在本卷，建议查县档案馆'];

export const personName = (rng: Rng): string => rng.pick(SURNAMES) + rng.pick(GIVEN);
export const phone = (rng: Rng): string => `13${rng.range(0, 9)}${String(rng.range(0, 99_999_999)).padStart(8, '0')}`;
