import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../electron/core/ocr';
import { CHAR, idFor, line } from '../helpers/ocr-lines';
import { dictionaryFor, zFieldDictionary } from '../../electron/core/forms/dictionary';
import { findApprox, findLabels } from '../../electron/core/forms/label-find';
import { takeValues } from '../../electron/core/forms/label-values';
import { fieldConfidence, fieldsByLabels, type LabelRead } from '../../electron/core/forms/label-fields';
import { detectFormType, layoutAgrees } from '../../electron/core/forms/form-type';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { labelDictionary } from '../../electron/core/forms/read-page';

const resident = dictionaryFor('resident-registration')!;
const permit = dictionaryFor('residence-permit-application')!;
const byKey = (fs: LabelRead[], k: string) => fs.find((f) => f.key === k)!;

describe('field dictionaries are data, checked on load', () => {
  it('cover the built-in form types and name each field by its printed variants', () => {
    for (const id of [
      'resident-registration',
      'migration-certificate',
      'residence-permit-application',
      'admission-permit',
    ])
      expect(dictionaryFor(id), id).toBeDefined();
    const labels = (k: string) => resident.fields.find((f) => f.key === k)!.labels;
    expect(labels('birthDate')).toEqual(expect.arrayContaining(['出生日期', '出生年月日']));
    expect(labels('idNumber')).toEqual(expect.arrayContaining(['公民身份号码', '身份证号码', '公民身份证号码']));
    expect(labels('relation')).toContain('户主或与户主关系');
    expect(labels('workplace')).toEqual(expect.arrayContaining(['服务处所', '工作单位', '工作单位（就读学校）']));
    expect(labels('handler')).toEqual(expect.arrayContaining(['承办人', '承办人签章']));
    // Every dictionary key is a field of the built-in template of the same form, where it has one.
    const tpl = BUILTIN_TEMPLATES.find((t) => t.id === 'resident-registration')!;
    for (const f of resident.fields)
      expect(
        tpl.fields.map((x) => x.key),
        f.key,
      ).toContain(f.key);
  });

  it('refuses an enumeration without its list and duplicate keys', () => {
    const base = { formType: 'x-form', name: '表', titles: ['某某表'] };
    expect(
      zFieldDictionary.safeParse({ ...base, fields: [{ key: 'a', labels: ['民族'], kind: 'enum' }] }).success,
    ).toBe(false);
    const dup = [
      { key: 'a', labels: ['姓名'], kind: 'name' },
      { key: 'a', labels: ['性别'], kind: 'sex' },
    ];
    expect(zFieldDictionary.safeParse({ ...base, fields: dup }).success).toBe(false);
  });
});

describe('finding labels', () => {
  it('matches approximately, a look-alike costing half a slip', () => {
    expect(findApprox([...'某公民身份号玛12'], [...'公民身份号码'], 2)).toEqual([{ start: 1, end: 7, cost: 1 }]);
    expect(findApprox([...'户生姓名'], [...'户主姓名'], 0.5)[0]?.cost).toBe(0.5);
    expect(findApprox([...'姓石'], [...'姓名'], 0.5)).toEqual([]);
  });

  it('finds a label with an OCR slip, with a colon or none, and "label：value" on one line', () => {
    const id = idFor('19900307', true);
    const lines = [line(`公民身份号玛：${id}`, 100, 100), line('姓名 王小明', 100, 200), line('性别:男', 600, 200)];
    const hits = findLabels(lines, resident);
    expect(hits.map((h) => h.field.key).sort()).toEqual(['idNumber', 'name', 'sex']);
    expect(hits.find((h) => h.field.key === 'idNumber')!.quality).toBeLessThan(1);
    const values = takeValues(lines, hits);
    expect(values.get('idNumber')!.raw).toBe(id);
    expect(values.get('name')!.raw).toBe('王小明');
    expect(values.get('sex')!.raw).toBe('男');
  });

  it('does not take 姓名 out of 户主姓名, nor 出生地 out of 出生日期', () => {
    const lines = [line('户主姓名：李建国  户别：家庭户', 100, 100), line('出生日期：1990年3月7日', 100, 200)];
    const fs = fieldsByLabels(lines, resident);
    expect(byKey(fs, 'householderName').value).toBe('李建国');
    expect(byKey(fs, 'householdType').value).toBe('家庭户');
    expect(byKey(fs, 'name').printedLabel).toBeNull();
    expect(byKey(fs, 'birthplace').printedLabel).toBeNull();
    expect(byKey(fs, 'birthDate').value).toBe('19900307');
  });

  it('reads the long variant 户主或与户主关系 and stops a value at the next label on the line', () => {
    const fs = fieldsByLabels([line('户主或与户主关系：长子 民族：汉族', 100, 100)], resident);
    expect(byKey(fs, 'relation')).toMatchObject({ value: '长子', printedLabel: '户主或与户主关系' });
    expect(byKey(fs, 'ethnicity').value).toBe('汉族');
  });

  it('joins a label broken over two lines of a narrow cell and takes the cell to its right', () => {
    const lines = [
      line('何时由何地迁来', 100, 100),
      line('本市（县）', 100, 145),
      line('2001年3月由河北省保定市迁来', 500, 120),
    ];
    const fs = fieldsByLabels(lines, resident);
    expect(byKey(fs, 'movedToCity')).toMatchObject({ value: '2001年3月由河北省保定市迁来', status: '已识别' });
  });

  it('takes the value from the next cell, or from under the label', () => {
    // A ruled form read cell by cell: label and value are separate lines in one row.
    const cells = [line('姓名', 100, 100), line('张三丰', 400, 100), line('性别', 700, 100), line('男', 900, 100)];
    const fs = fieldsByLabels(cells, resident);
    expect(byKey(fs, 'name').value).toBe('张三丰');
    expect(byKey(fs, 'sex').value).toBe('男');
    // PP-OCR pads its boxes: the value's may start a little before the label's ends.
    const id = idFor('19900307', true);
    const padded = fieldsByLabels([line('公民身份证号码', 100, 100), line(id, 100 + 7 * CHAR - 30, 102)], resident);
    expect(byKey(padded, 'idNumber').value).toBe(id);
    const below = fieldsByLabels([line('登记日期', 100, 100), line('2020年5月6日', 100, 150)], resident);
    expect(byKey(below, 'registerDate').value).toBe('20200506');
  });

  it('joins a multi-line address, stopping at the next label', () => {
    const lines = [
      line('住址：北京市东城区和平里街道', 100, 100),
      line('和平里小区3号楼201室', 260, 145),
      line('姓名：王芳', 100, 260),
    ];
    const fs = fieldsByLabels(lines, resident);
    expect(byKey(fs, 'address').value).toBe('北京市东城区和平里街道和平里小区3号楼201室');
    expect(byKey(fs, 'name').value).toBe('王芳');
  });
});

describe('labels printed above their values', () => {
  // Two cells a row, 720 px wide: each label centred over its cell, its value left-aligned
  // in the cell under it (as the "stacked" variation layout and some county prints have it).
  const idNo = idFor('19900312', true);
  const stacked = (extra: OcrLine[] = []) => [
    line('姓名', 410, 100),
    line('性别', 1130, 100),
    line('张伟', 100, 170),
    line('男', 820, 170),
    line('民族   *', 410, 260),
    line('出生日期', 1090, 260),
    line('汉族', 100, 330),
    line('1990年3月12日', 820, 330),
    line('户号', 410, 420),
    line('曾用名', 1110, 420),
    line('123456789', 100, 490),
    line('公民身份号码', 650, 580),
    line(idNo, 100, 650),
    ...extra,
  ];

  it('takes each value from the cell under its label, not across the row', () => {
    const fs = fieldsByLabels(stacked(), resident);
    expect(byKey(fs, 'name')).toMatchObject({ value: '张伟', status: '已识别' });
    expect(byKey(fs, 'sex').value).toBe('男');
    expect(byKey(fs, 'birthDate').value).toBe('19900312');
    expect(byKey(fs, 'householdNo').value).toBe('123456789');
    // A label alone on its row (a whole-width cell) takes the value under it too.
    expect(byKey(fs, 'idNumber')).toMatchObject({ value: idNo, valid: true });
  });

  it('a stray mark after a label is no value: the value under it is', () => {
    const fs = fieldsByLabels(stacked(), resident);
    expect(byKey(fs, 'ethnicity')).toMatchObject({ value: '汉族', status: '已识别' });
  });

  it('an empty cell stays empty: the next row of labels is no value', () => {
    const lines = [
      line('户号', 410, 100),
      line('曾用名', 1110, 100),
      line('123456789', 100, 170),
      line('姓名', 410, 240),
      line('性别', 1130, 240),
      line('张伟', 100, 310),
      line('男', 820, 310),
    ];
    const fs = fieldsByLabels(lines, resident);
    expect(byKey(fs, 'householdNo').value).toBe('123456789');
    // 曾用名 has nothing under it; the line under its cell is 性别, a label.
    expect(byKey(fs, 'formerName')).toMatchObject({ raw: '', confidence: null, status: '未识别' });
    expect(byKey(fs, 'sex').value).toBe('男');
  });

  it('a label beside its value keeps that value, not the line under it', () => {
    const fs = fieldsByLabels([line('姓名', 100, 100), line('张伟', 400, 100), line('李强', 400, 170)], resident);
    expect(byKey(fs, 'name').value).toBe('张伟');
  });
});

describe('lists of persons', () => {
  it('reads 随迁人员 row by row under its label', () => {
    const wife = idFor('19880214', false);
    const son = idFor('20120509', true);
    const lines = [
      line('随迁人员', 100, 100),
      line(`李秀英 妻 ${wife}`, 140, 150),
      line(`王小明 子 ${son}`, 140, 200),
      line('签发机关：北港县公安局', 100, 320),
    ];
    const fs = fieldsByLabels(lines, dictionaryFor('admission-permit')!);
    expect(byKey(fs, 'companions')).toMatchObject({ valid: true, status: '已识别' });
    expect(byKey(fs, 'companions').value.split('\n')).toHaveLength(2);
    expect(byKey(fs, 'companions').value).toContain(son);
    expect(byKey(fs, 'issuer').value).toBe('北港县公安局');
  });
});

describe('confidence', () => {
  it('a field not found has no number: confidence null, 未识别, no place on the page', () => {
    const fs = fieldsByLabels([line('姓名：王芳', 100, 100)], resident);
    const religion = byKey(fs, 'religion');
    expect(religion).toMatchObject({ confidence: null, status: '未识别', printedLabel: null, value: '' });
    expect(religion.bbox.w * religion.bbox.h).toBe(0);
    // A label with nothing after it is 未识别 too, and says the label was found.
    const bare = byKey(fieldsByLabels([line('宗教信仰', 100, 100)], resident), 'religion');
    expect(bare).toMatchObject({ confidence: null, status: '未识别', printedLabel: '宗教信仰' });
    expect(bare.issue).toMatch(/未找到其值/);
    // A required field not found is flagged.
    expect(byKey(fs, 'handler')).toMatchObject({ confidence: null, valid: false });
  });

  it('combines OCR confidence, label quality and the checks', () => {
    expect(fieldConfidence(null, 1, { valid: true, corrected: false, value: 'x' })).toBeNull();
    expect(fieldConfidence(90, 1, { valid: true, corrected: false, value: '' })).toBeNull();
    expect(fieldConfidence(90, 1, { valid: true, corrected: false, value: 'x' })).toBe(90);
    expect(fieldConfidence(90, 0.5, { valid: true, corrected: false, value: 'x' })).toBeLessThan(90);
    expect(fieldConfidence(90, 1, { valid: true, corrected: true, value: 'x' })).toBeLessThan(90);
    expect(fieldConfidence(99, 1, { valid: false, corrected: false, value: 'x' })).toBeLessThanOrEqual(40);
    // The value's own characters count, not the label's.
    const low = fieldsByLabels([line('姓名：王芳', 100, 100, 95, (ch) => (ch === '芳' ? 30 : 95))], resident);
    expect(byKey(low, 'name').confidence).toBeLessThan(70);
  });

  it('an ID number whose check digit fails is never sure', () => {
    const id = idFor('19900307', true);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const f = byKey(fieldsByLabels([line(`公民身份号码：${wrong}`, 100, 100)], permit), 'idNumber');
    expect(f.valid).toBe(false);
    expect(f.confidence).toBeLessThanOrEqual(40);
  });
});

describe('cross-field checks', () => {
  const page = (birth: string, sex: string, id: string) => [
    line(`姓名：王芳 性别：${sex}`, 100, 100, 85),
    line(`出生日期：${birth}`, 100, 200, 85),
    line(`公民身份号码：${id}`, 100, 300, 85),
  ];

  it('raise confidence when the birth date and sex agree with the ID number', () => {
    const fs = fieldsByLabels(page('1990年3月7日', '女', idFor('19900307', false)), permit);
    expect(byKey(fs, 'birthDate')).toMatchObject({ valid: true, value: '19900307' });
    expect(byKey(fs, 'birthDate').confidence).toBeGreaterThan(85);
    expect(byKey(fs, 'sex').confidence).toBeGreaterThan(85);
    expect(byKey(fs, 'idNumber').confidence).toBeGreaterThan(85);
  });

  it('lower it and flag the field when the birth date or sex disagrees', () => {
    const fs = fieldsByLabels(page('1991年3月7日', '男', idFor('19900307', false)), permit);
    const birth = byKey(fs, 'birthDate');
    expect(birth).toMatchObject({ valid: false, issue: '出生日期与公民身份号码不符' });
    expect(byKey(fs, 'sex').valid).toBe(false);
    const lowest = Math.min(birth.confidence!, byKey(fs, 'idNumber').confidence!);
    expect(lowest).toBeLessThan(50);
  });
});

describe('form type without a template', () => {
  it('is told by the title, or by the labels found when the title is lost', () => {
    const title = [line('居住证申请表', 300, 50), line('姓名：王芳', 100, 400)];
    expect(detectFormType(title, 3000)?.formType).toBe('residence-permit-application');
    const noTitle = [
      line('姓名：王芳 性别：女 民族：汉族', 100, 400),
      line('居住地住址：上海市徐汇区', 100, 500),
      line('居住依据：就业 联系电话：13800001111', 100, 600),
      line('常住户口所在地住址：安徽省合肥市', 100, 700),
      line('受理人：李四 申请日期：2023年1月2日', 100, 800),
    ];
    expect(detectFormType(noTitle, 3000)?.formType).toBe('residence-permit-application');
    expect(detectFormType([line('本人因遗失户口簿，特申请补办。', 100, 400)], 3000)).toBeNull();
  });

  it('a ruled built-in template does not describe a page of "label：value" lines', () => {
    const t = BUILTIN_TEMPLATES.find((x) => x.id === 'resident-registration')!;
    expect(layoutAgrees([line('姓名：王芳', 100, 100)], t, 300, false)).toBe(false);
    // Its own labels where it draws them (300 dpi, shifted a little) agree; shuffled rows do not.
    const px = 300 / 25.4;
    const at = (l: (typeof t.labels)[number], dy = 0) =>
      line(l.text, (l.box.x + 2) * px + 30, (l.box.y + l.box.h / 2 + dy) * px - 20);
    expect(
      layoutAgrees(
        t.labels.map((l) => at(l)),
        t,
        300,
        true,
      ),
    ).toBe(true);
    const shuffled = t.labels.map((l, i) => at(l, ((i * 7) % 5) * 26 - 52));
    expect(layoutAgrees(shuffled, t, 300, true)).toBe(false);
  });
});

describe('which pages are read by their labels', () => {
  const builtin = BUILTIN_TEMPLATES.find((x) => x.id === 'resident-registration')!;
  const textPage = [line('常住人口登记表', 900, 100), line('姓名：王芳 性别：女', 100, 400)];
  const page = { dpi: 300, ruled: false, height: 3508 };

  it('a built-in template that does not describe the page is a hint of its type', () => {
    expect(labelDictionary(textPage, builtin, page)?.formType).toBe('resident-registration');
    expect(labelDictionary(textPage, null, page)?.formType).toBe('resident-registration');
  });

  it("a station's own template that matched still wins, even a saved copy of a built-in one", () => {
    const drawn = { ...builtin, id: 'station-form', name: '本所登记表' };
    expect(labelDictionary(textPage, drawn, page)).toBeNull();
    const savedCopy = { ...builtin, fields: builtin.fields.slice(1) };
    expect(labelDictionary(textPage, savedCopy, page)).toBeNull();
    // The built-in one as shipped, parsed again (as `dangan ocr --data` gets it), is still built in.
    expect(labelDictionary(textPage, JSON.parse(JSON.stringify(builtin)), page)?.formType).toBe(
      'resident-registration',
    );
  });
});
