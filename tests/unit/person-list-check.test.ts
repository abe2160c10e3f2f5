import { describe, expect, it } from 'vitest';
import { checkField } from '../../electron/core/forms/validate';

describe('a list of people read from a form', () => {
  it('splits run-together lines into 姓名 关系 身份号码', () => {
    const r = checkField('personList', '马艳红妻430524196503060247\n 刘建国  父 511321195711038438 ', {});
    expect(r).toMatchObject({ valid: true, value: '马艳红 妻 430524196503060247\n刘建国 父 511321195711038438' });
  });

  it('takes the longest listed relation (外孙女, not 女)', () => {
    expect(checkField('personList', '王小丽外孙女430524196503060247', {}).value).toBe(
      '王小丽 外孙女 430524196503060247',
    );
  });

  it('flags a line whose relation or ID number does not check, keeping what was read', () => {
    const r = checkField('personList', '张海燕萎421127197603240860\n孙家豪子430524200101089135', {});
    expect(r.valid).toBe(false);
    expect(r.value.split('\n')[0]).toBe('张海燕萎421127197603240860');
    expect(r.issue).toContain('第1行的关系无法识别');
    expect(r.issue).toContain('第2行的公民身份号码未通过校验');
  });
});

describe('closed words and stray marks', () => {
  it('drops punctuation a neighbouring cell left at either end', () => {
    expect(checkField('enum', '未婚 :', { enumOf: 'marital' }).value).toBe('未婚');
    expect(checkField('text', '公司职员 ,', {}).value).toBe('公司职员');
  });

  it('snaps a two-character word only when no other listed word is as near', () => {
    expect(checkField('enum', '户生', { enumOf: 'relation' })).toMatchObject({ value: '户主', valid: true });
    expect(checkField('enum', '畹族', { enumOf: 'ethnicity' }).valid).toBe(false);
    expect(checkField('enum', '萎', { enumOf: 'relation' }).valid).toBe(false);
  });
});
