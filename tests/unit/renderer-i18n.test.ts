/**
 * One translation function over every zh-CN message file (issue 15): the search screen's,
 * sync's and the audit log's labels come from the same typed map, and a key that does not
 * exist is a compile error (the @ts-expect-error lines fail `npm run typecheck` otherwise).
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, SEARCH_FIELD_LABELS } from '../../electron/contract';
import { labelFor, t } from '../../renderer/src/i18n/zh-CN';

describe('renderer i18n: one t()', () => {
  it('looks up every feature file’s keys and fills placeholders', () => {
    expect(t('search.title')).toBe('全文检索');
    expect(t('search.result.summary', { n: 3, ms: 12 })).toBe('共 3 条，用时 12 毫秒');
    expect(t('sync.field.archive_code')).toBe('档号');
    expect(t('common.save')).toBe('保存');
  });

  it('takes the contract’s vocabularies in under a prefix, every code with its label', () => {
    for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) expect(labelFor('audit.action', code)).toBe(label);
    for (const [code, label] of Object.entries(AUDIT_ENTITY_LABELS)) expect(labelFor('audit.entity', code)).toBe(label);
    for (const [code, label] of Object.entries(SEARCH_FIELD_LABELS)) expect(labelFor('search.field', code)).toBe(label);
    expect(t('audit.action.auth.login')).toBe('登录');
  });

  it('shows an unknown run-time code as it is', () => {
    expect(labelFor('sync.entity', 'no_such_entity')).toBe('no_such_entity');
    expect(labelFor('batch.source', 'sane')).toBe(t('batch.source.sane'));
  });

  it('refuses keys and label groups that do not exist at compile time', () => {
    // @ts-expect-error no such key
    expect(t('search.noSuchKey')).toBe('search.noSuchKey');
    // @ts-expect-error no such group of labels
    expect(labelFor('sync.noSuchGroup', 'x')).toBe('x');
  });
});
