/**
 * The forms stations scan most (field lists from reference §8), as ruled A4 tables.
 * Real print runs differ between provinces; a clerk adjusts a copy of one of these
 * from a sample scan, or draws a new one.
 */
import { zFormTemplate, type FormTemplate } from '../../contract/forms';
import { layTable, type Cell, type Row } from './layout';

const A4 = { w: 210, h: 297 };
const H = 13;
const row = (...cells: Cell[]): Row => ({ h: H, cells });
const tall = (h: number, ...cells: Cell[]): Row => ({ h, cells });

/** The certificate number heading 迁移证 and 准予迁入证明. */
const certNoRow = (): Row =>
  row([20, '编号'], [60, { key: 'certNo', kind: 'digits', target: 'item.docNumber' }], [100, '']);

/** How the migration papers end: the issuing office, the handler, issue date and validity. */
const issuedRows = (): Row[] => [
  row([20, '签发机关'], [160, { key: 'issuer', kind: 'text', target: 'item.author' }]),
  row(
    [20, '承办人'],
    [40, { key: 'handler', kind: 'name', required: true, target: 'extra.handler' }],
    [20, '签发日期'],
    [40, { key: 'issueDate', kind: 'date', required: true, target: 'item.date' }],
    [20, '有效期至'],
    [40, { key: 'validUntil', kind: 'date' }],
  ),
];

const residentRegistration: FormTemplate = {
  id: 'resident-registration',
  name: '常住人口登记表',
  version: 1,
  titles: ['常住人口登记表'],
  page: A4,
  itemTitle: '常住人口登记表（{name}）',
  record: { category: 'ZY·HJ' },
  ...layTable({
    x: 15,
    y: 40,
    rows: [
      row(
        [20, '户别'],
        [40, { key: 'householdType', kind: 'enum', enumOf: 'householdType' }],
        [25, '户主姓名'],
        [35, { key: 'householderName', kind: 'name', target: 'extra.householder' }],
        [20, '户号'],
        [40, { key: 'householdNo', kind: 'digits' }],
      ),
      row([20, '住址'], [160, { key: 'address', kind: 'text' }]),
      row(
        [20, '姓名'],
        [40, { key: 'name', kind: 'name', target: 'person.name' }],
        [35, '与户主关系'],
        [25, { key: 'relation', kind: 'enum', enumOf: 'relation' }],
        [20, '曾用名'],
        [40, { key: 'formerName', kind: 'name' }],
      ),
      row([20, '性别'], [40, { key: 'sex', kind: 'sex' }], [25, '出生地'], [95, { key: 'birthplace', kind: 'text' }]),
      row(
        [20, '民族'],
        [40, { key: 'ethnicity', kind: 'enum', enumOf: 'ethnicity' }],
        [25, '籍贯'],
        [35, { key: 'nativePlace', kind: 'text' }],
        [20, '出生日期'],
        [40, { key: 'birthDate', kind: 'date' }],
      ),
      row([40, '本市（县）其他住址'], [140, { key: 'otherAddress', kind: 'text' }]),
      row(
        [20, '宗教信仰'],
        [40, { key: 'religion', kind: 'text' }],
        [30, '公民身份号码'],
        [90, { key: 'idNumber', kind: 'idNumber', target: 'person.idNumber' }],
      ),
      row(
        [20, '身高'],
        [40, { key: 'height', kind: 'digits' }],
        [25, '血型'],
        [35, { key: 'blood', kind: 'enum', enumOf: 'blood' }],
        [20, '文化程度'],
        [40, { key: 'education', kind: 'enum', enumOf: 'education' }],
      ),
      row(
        [20, '婚姻状况'],
        [40, { key: 'marital', kind: 'enum', enumOf: 'marital' }],
        [25, '兵役状况'],
        [35, { key: 'military', kind: 'enum', enumOf: 'military' }],
        [20, '职业'],
        [40, { key: 'occupation', kind: 'text' }],
      ),
      row([20, '服务处所'], [160, { key: 'workplace', kind: 'text' }]),
      row([55, '何时由何地迁来本市（县）'], [125, { key: 'movedToCity', kind: 'text' }]),
      row([55, '何时由何地迁来本址'], [125, { key: 'movedToAddress', kind: 'text' }]),
      row(
        [30, '承办人签章'],
        [60, { key: 'handler', kind: 'name', required: true, target: 'extra.handler' }],
        [30, '登记日期'],
        [60, { key: 'registerDate', kind: 'date', required: true, target: 'item.date' }],
      ),
    ],
  }),
};

const migrationCertificate: FormTemplate = {
  id: 'migration-certificate',
  name: '户口迁移证',
  version: 1,
  titles: ['户口迁移证'],
  page: A4,
  itemTitle: '户口迁移证（{name}）',
  // A station files the certificate it issues to a person moving out.
  record: { category: 'ZY·HJ·QC', extra: { businessType: '迁出' } },
  ...layTable({
    x: 15,
    y: 40,
    rows: [
      certNoRow(),
      row(
        [20, '姓名'],
        [40, { key: 'name', kind: 'name', target: 'person.name' }],
        [20, '曾用名'],
        [40, { key: 'formerName', kind: 'name' }],
        [20, '性别'],
        [40, { key: 'sex', kind: 'sex' }],
      ),
      row(
        [20, '民族'],
        [40, { key: 'ethnicity', kind: 'enum', enumOf: 'ethnicity' }],
        [20, '出生日期'],
        [40, { key: 'birthDate', kind: 'date' }],
        [20, '籍贯'],
        [40, { key: 'nativePlace', kind: 'text' }],
      ),
      row([20, '出生地'], [160, { key: 'birthplace', kind: 'text' }]),
      row(
        [30, '公民身份号码'],
        [90, { key: 'idNumber', kind: 'idNumber', target: 'person.idNumber' }],
        [25, '与户主关系'],
        [35, { key: 'relation', kind: 'enum', enumOf: 'relation' }],
      ),
      row(
        [20, '文化程度'],
        [40, { key: 'education', kind: 'enum', enumOf: 'education' }],
        [20, '婚姻状况'],
        [40, { key: 'marital', kind: 'enum', enumOf: 'marital' }],
        [20, '职业'],
        [40, { key: 'occupation', kind: 'text' }],
      ),
      row([20, '原住址'], [160, { key: 'fromAddress', kind: 'text' }]),
      row([20, '迁往地址'], [160, { key: 'toAddress', kind: 'text' }]),
      row([20, '迁移原因'], [160, { key: 'reason', kind: 'text' }]),
      ...issuedRows(),
    ],
  }),
};

const admissionPermit: FormTemplate = {
  id: 'admission-permit',
  name: '准予迁入证明',
  version: 1,
  titles: ['准予迁入证明'],
  page: A4,
  itemTitle: '准予迁入证明（{name}）',
  record: { category: 'ZY·HJ·QR', extra: { businessType: '迁入' } },
  ...layTable({
    x: 15,
    y: 40,
    rows: [
      certNoRow(),
      row(
        [25, '申请人姓名'],
        [45, { key: 'name', kind: 'name', target: 'person.name' }],
        [30, '公民身份号码'],
        [80, { key: 'idNumber', kind: 'idNumber', target: 'person.idNumber' }],
      ),
      row([20, '迁入地址'], [160, { key: 'toAddress', kind: 'text' }]),
      row([20, '原住址'], [160, { key: 'fromAddress', kind: 'text' }]),
      row([20, '迁入原因'], [160, { key: 'reason', kind: 'text' }]),
      tall(39, [20, '随迁人员'], [160, { key: 'companions', kind: 'personList' }]),
      ...issuedRows(),
    ],
  }),
};

const residencePermitApplication: FormTemplate = {
  id: 'residence-permit-application',
  name: '居住证申请表',
  version: 1,
  titles: ['居住证申请表', '暂住证申请表'],
  page: A4,
  itemTitle: '居住证申请表（{name}）',
  record: { category: 'ZY·ZZ' },
  ...layTable({
    x: 15,
    y: 40,
    rows: [
      row(
        [20, '姓名'],
        [40, { key: 'name', kind: 'name', target: 'person.name' }],
        [20, '性别'],
        [40, { key: 'sex', kind: 'sex' }],
        [20, '民族'],
        [40, { key: 'ethnicity', kind: 'enum', enumOf: 'ethnicity' }],
      ),
      row(
        [20, '出生日期'],
        [40, { key: 'birthDate', kind: 'date' }],
        [30, '公民身份号码'],
        [90, { key: 'idNumber', kind: 'idNumber', target: 'person.idNumber' }],
      ),
      row([45, '常住户口所在地住址'], [135, { key: 'hukouAddress', kind: 'text' }]),
      row([45, '居住地住址'], [135, { key: 'residenceAddress', kind: 'text' }]),
      row(
        [25, '居住依据'],
        [35, { key: 'basis', kind: 'enum', enumOf: 'residenceBasis' }],
        [25, '联系电话'],
        [95, { key: 'phone', kind: 'digits' }],
      ),
      row(
        [20, '受理人'],
        [70, { key: 'handler', kind: 'name', required: true, target: 'extra.handler' }],
        [20, '申请日期'],
        [70, { key: 'applyDate', kind: 'date', required: true, target: 'item.date' }],
      ),
    ],
  }),
};

/** 借阅登记簿 page: five entries of date, borrower, unit, 档号, purpose, return date, handler. */
const LENDING_ROWS = 5;
const lendingRegister: FormTemplate = {
  id: 'lending-register',
  name: '档案借阅登记表',
  version: 1,
  titles: ['档案借阅登记表', '借阅登记'],
  page: A4,
  ...layTable({
    x: 15,
    y: 40,
    rows: [
      row(
        [25, '借阅日期'],
        [22, '借阅人'],
        [30, '单位'],
        [40, '档号'],
        [23, '借阅目的'],
        [25, '归还日期'],
        [15, '经办'],
      ),
      ...Array.from({ length: LENDING_ROWS }, (_, i): Row => {
        const n = i + 1;
        return tall(
          16,
          [25, { key: `r${n}.date`, label: `第${n}行借阅日期`, kind: 'date' }],
          [22, { key: `r${n}.borrower`, label: `第${n}行借阅人`, kind: 'name' }],
          [30, { key: `r${n}.unit`, label: `第${n}行单位`, kind: 'text' }],
          [40, { key: `r${n}.code`, label: `第${n}行档号`, kind: 'archiveCode' }],
          [23, { key: `r${n}.purpose`, label: `第${n}行借阅目的`, kind: 'text' }],
          [25, { key: `r${n}.returned`, label: `第${n}行归还日期`, kind: 'date' }],
          [15, { key: `r${n}.handler`, label: `第${n}行经办`, kind: 'name' }],
        );
      }),
    ],
  }),
};

/** Parsed once at load, so a mistake in a built-in template fails every test at once. */
export const BUILTIN_TEMPLATES: readonly FormTemplate[] = [
  residentRegistration,
  migrationCertificate,
  admissionPermit,
  residencePermitApplication,
  lendingRegister,
].map((t) => zFormTemplate.parse(t));

export const builtinTemplate = (id: string): FormTemplate | undefined => BUILTIN_TEMPLATES.find((t) => t.id === id);
