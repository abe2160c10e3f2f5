/**
 * The classification scheme preloaded for a police station (分类方案). Police business
 * classes have no national 门类 code, so they sit under ZY (专业) as second-level codes
 * (reference §2.3); 文书/会计/声像/实物 use the DA/T 13-2022 codes.
 */
import type { Arrangement, FieldDef, Retention } from '../../contract/domain';

export interface DefaultCategory {
  code: string;
  name: string;
  retention: Retention;
  arrangement: Arrangement;
  fields?: FieldDef[];
  children?: DefaultCategory[];
}

const t = (key: string, label: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  label,
  type: 'text',
  ...extra,
});

const HUJI_FIELDS: FieldDef[] = [
  t('householder', '户主姓名'),
  t('idNumber', '公民身份号码', { type: 'idNumber' }),
  t('businessType', '业务类型', {
    type: 'enum',
    options: ['出生入户', '迁入', '迁出', '变更更正', '死亡注销', '其他'],
  }),
  t('acceptDate', '受理日期', { type: 'date' }),
  t('handler', '承办人'),
];

export const DEFAULT_SCHEME: DefaultCategory[] = [
  {
    code: 'ZY',
    name: '业务',
    retention: 'D30',
    arrangement: 'item',
    children: [
      {
        code: 'HJ',
        name: '户籍',
        retention: 'Y',
        arrangement: 'item',
        fields: HUJI_FIELDS,
        children: [
          { code: 'CS', name: '出生入户', retention: 'Y', arrangement: 'item' },
          { code: 'QR', name: '迁入', retention: 'Y', arrangement: 'item' },
          { code: 'QC', name: '迁出', retention: 'Y', arrangement: 'item' },
          { code: 'BG', name: '变更更正', retention: 'Y', arrangement: 'item' },
          { code: 'ZX', name: '死亡注销', retention: 'Y', arrangement: 'item' },
        ],
      },
      {
        code: 'CR',
        name: '人口与出入境',
        retention: 'D30',
        arrangement: 'item',
        fields: [
          t('applicant', '申请人'),
          t('idNumber', '公民身份号码', { type: 'idNumber' }),
          t('docType', '证件类型', { type: 'enum', options: ['护照', '往来港澳通行证', '往来台湾通行证', '其他'] }),
          t('docNo', '证件号码'),
          t('acceptDate', '受理日期', { type: 'date' }),
        ],
      },
      {
        code: 'CL',
        name: '车辆',
        retention: 'D30',
        arrangement: 'volume',
        fields: [
          t('plateNo', '号牌号码'),
          t('vehicleType', '车辆类型'),
          t('owner', '所有人'),
          t('regDate', '登记日期', { type: 'date' }),
        ],
      },
      {
        code: 'JT',
        name: '交通事故',
        retention: 'D30',
        arrangement: 'volume',
        fields: [
          t('accidentNo', '事故编号', { required: true }),
          t('parties', '当事人'),
          t('accidentDate', '事故日期', { type: 'date' }),
          t('place', '地点'),
          t('accidentType', '事故类型', { type: 'enum', options: ['财产损失', '伤人', '死亡'] }),
        ],
      },
      {
        code: 'ZZ',
        name: '暂住/居住登记',
        retention: 'D10',
        arrangement: 'item',
        fields: [
          t('registrant', '登记人姓名'),
          t('idNumber', '公民身份号码', { type: 'idNumber' }),
          t('address', '居住地址'),
          t('basis', '居住依据', { type: 'enum', options: ['就业', '住所', '就读', '其他'] }),
          t('regDate', '登记日期', { type: 'date' }),
        ],
      },
      {
        code: 'XF',
        name: '信访',
        retention: 'D30',
        arrangement: 'item',
        fields: [
          t('petitioner', '信访人'),
          t('petitionDate', '信访日期', { type: 'date' }),
          t('matter', '信访事项', { type: 'textarea' }),
          t('outcome', '办理结果'),
        ],
      },
    ],
  },
  { code: 'WS', name: '文书', retention: 'Y', arrangement: 'item' },
  { code: 'KU', name: '会计', retention: 'D30', arrangement: 'volume', fields: [t('voucherRange', '凭证起止号')] },
  {
    code: 'ZP',
    name: '照片',
    retention: 'Y',
    arrangement: 'item',
    fields: [t('photographer', '摄影者'), t('place', '拍摄地点'), t('photoCount', '张数', { type: 'number' })],
  },
  {
    code: 'LY',
    name: '录音',
    retention: 'D30',
    arrangement: 'item',
    fields: [t('duration', '时长'), t('carrierNo', '载体编号')],
  },
  {
    code: 'LX',
    name: '录像',
    retention: 'D30',
    arrangement: 'item',
    fields: [t('duration', '时长'), t('carrierNo', '载体编号')],
  },
  {
    code: 'SW',
    name: '实物',
    retention: 'Y',
    arrangement: 'item',
    fields: [t('quantity', '数量', { type: 'number' }), t('material', '材质')],
  },
];
