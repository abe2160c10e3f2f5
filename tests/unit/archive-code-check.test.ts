import { describe, expect, it } from 'vitest';
import { checkArchiveCode } from '../../electron/core/forms/archive-code-check';
import { checkField } from '../../electron/core/forms/validate';

describe('a 档号 read from a form', () => {
  it('repairs separators and look-alike characters by position', () => {
    expect(checkArchiveCode('Z129-ZY.HJ.1995-Y-052').value).toBe('Z129-ZY·HJ·1995-Y-052');
    expect(checkArchiveCode('Z131-2Y-77-2011-Y-115').value).toBe('Z131-ZY·ZZ·2011-Y-115');
    expect(checkArchiveCode('Z117-ZYXF.1995-Y-067').value).toBe('Z117-ZY·XF·1995-Y-067');
    expect(checkArchiveCode('Z123-ZYHJ1998-Y-O71').value).toBe('Z123-ZY·HJ·1998-Y-071');
    expect(checkArchiveCode('Ｊ００１－ＷＳ·２０１１－Ｄ３０－ＢＧＳ－０００１').value).toBe(
      'J001-WS·2011-D30-BGS-0001',
    );
  });

  it('keeps a right code as it is, and says what it changed otherwise', () => {
    expect(checkArchiveCode('J001-WS·2011-Y-0001')).toEqual({ value: 'J001-WS·2011-Y-0001', valid: true, issue: null });
    const fixed = checkField('archiveCode', 'Z129-ZY.HJ.1995-Y-052', {});
    expect(fixed).toMatchObject({ valid: true, corrected: true });
    expect(fixed.issue).toContain('Z129-ZY.HJ.1995-Y-052');
  });

  it('flags what is not a 档号 instead of guessing', () => {
    expect(checkArchiveCode('282XY2004205').valid).toBe(false);
    expect(checkArchiveCode('Z129-ZY-HJ-1995-Q-052')).toMatchObject({ valid: false });
    expect(checkArchiveCode('  ')).toEqual({ value: '', valid: true, issue: null });
  });
});
