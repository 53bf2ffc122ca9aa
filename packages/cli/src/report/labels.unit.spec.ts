import { describe, expect, it } from 'vitest';
import { detailFields, fieldLabel, shownFields } from './details.js';
import { localeFromEnv, t } from './labels.js';

describe('report labels', () => {
  it('takes the locale from LC_ALL, then LC_MESSAGES, then LANG: zh* is zh-CN, anything else en', () => {
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(localeFromEnv({})).toBe('en');
  });

  it('labels events, roles, states and outcomes in both languages, and shows an unknown name as recorded', () => {
    const zh = t('zh-CN');
    const en = t('en');
    expect([
      zh.event('ApplicationSubmitted'),
      zh.role('city-center'),
      zh.state('filed.active'),
      zh.outcome('review'),
    ]).toEqual(['申请已提交', '市鉴定中心', '备案有效', '待专家评审']);
    expect([
      en.event('ApplicationSubmitted'),
      en.role('city-center'),
      en.state('filed.active'),
      en.outcome('fail'),
    ]).toEqual(['application submitted', 'city centre', 'filing in force', 'fail']);
    // The labels are core's one table (LABELS), and a state is labelled by its own machine where names repeat.
    expect(zh.state('revoked', 'application')).toBe('备案已撤销');
    expect(zh.state('revoked', 'certificate')).toBe('证书已撤销');
    expect(zh.event('SomethingNew')).toBe('SomethingNew');
    // Every heading exists in both languages and differs between them where it is words.
    expect(Object.keys(zh.ui)).toEqual(Object.keys(en.ui));
    expect(zh.ui.summary).not.toBe(en.ui.summary);
  });
});

describe('detail fields', () => {
  it('turns event data into labelled paths, leaves decisions out, lists records on one line and cuts long values', () => {
    const fields = detailFields({
      filingNumber: '鲁评备（济）2020-001',
      scope: [{ code: '6-18-01-01', levels: [3, 4] }],
      validUntil: null,
      decision: { outcome: 'eligible', findings: [] },
      note: 'x'.repeat(500),
    });
    expect(fields.slice(0, 3)).toEqual([
      { key: 'filingNumber', value: '鲁评备（济）2020-001' },
      { key: 'scope', value: 'code: 6-18-01-01, levels: 3; 4' },
      { key: 'validUntil', value: '—' },
    ]);
    expect(fields.map((f) => f.key)).not.toContain('decision');
    expect(fields[3]!.value).toHaveLength(200);
    expect(fields[3]!.value.endsWith('…')).toBe(true);
    expect(fieldLabel('profile.capacity.experts', t('zh-CN'))).toBe('申报情况 › 机构能力 › 专家人数');
    const many = detailFields(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i])));
    expect(shownFields(many)).toMatchObject({ more: 6 });
  });
});
