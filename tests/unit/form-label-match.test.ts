import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { templateMismatch } from '../../electron/core/forms/label-match';
import type { FormTemplate } from '../../electron/contract/forms';

const byId = (id: string) => BUILTIN_TEMPLATES.find((t) => t.id === id)!;
const line = (text: string) => ({ text, confidence: 90, bbox: { x0: 0, y0: 900, x1: 100, y1: 940 }, words: [] });
/** A page that prints a template's labels (and its title), as OCR would return them. */
const pageOf = (t: FormTemplate) => [line(t.titles[0]!), ...t.labels.map((l) => line(`${l.text} 某某`))];

describe('a template applies only when its printed labels are on the page', () => {
  it('accepts the page of its own form, even with a slip in a long label', () => {
    const t = byId('resident-registration');
    expect(templateMismatch(pageOf(t), t, BUILTIN_TEMPLATES)).toBeNull();
    const slipped = pageOf(t).map((l) => ({ ...l, text: l.text.replace('何时由何地迁来本址', '何时由何地迂来本址') }));
    expect(templateMismatch(slipped, t, BUILTIN_TEMPLATES)).toBeNull();
  });

  it('refuses a template forced on a page of another form, naming what the page looks like', () => {
    const page = pageOf(byId('resident-registration'));
    expect(templateMismatch(page, byId('admission-permit'), BUILTIN_TEMPLATES)).toMatch(
      /^未匹配表单模板：页面上只找到“准予迁入证明”印刷标签 \d+\/\d+ 项/,
    );
    // Many labels are shared (姓名, 性别, 公民身份号码 …): still the other form's page.
    expect(templateMismatch(page, byId('migration-certificate'), BUILTIN_TEMPLATES)).toMatch(/更像“常住人口登记表”/);
    expect(templateMismatch(page, byId('residence-permit-application'), BUILTIN_TEMPLATES)).not.toBeNull();
  });

  it('refuses a title match on a plain letter', () => {
    const letter = [line('常住人口登记表补办说明'), line('本人因遗失户口簿，特申请补办，请予办理。'), line('此致')];
    expect(templateMismatch(letter, byId('resident-registration'), BUILTIN_TEMPLATES)).toMatch(/0\/\d+ 项/);
  });

  it('cannot judge a template drawn without labels, so does not refuse it', () => {
    const bare = { ...byId('resident-registration'), id: 'bare', labels: [] };
    expect(templateMismatch([line('随便什么')], bare, BUILTIN_TEMPLATES)).toBeNull();
  });
});
