import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConcurrencyError, RuleViolationError, ValidationError, formatError, prettifyError } from '../errors.js';
import { coreFindings, findingCatalogueProblems, findingTranslator } from '../findingTexts.js';
import { ISSUE_CODES, ISSUE_CODE_ALIASES, issueCode } from '../issueCodes.js';
import { catalogueProblems, localeFromEnv, placeholdersOf } from '../messages.js';
import { zodIssues } from '../zodIssues.js';
import { coreCatalogue, coreLocales } from './index.js';

const issuesOf = (l: 'en' | 'zh-CN') => coreLocales[l].issues;

describe("core's messages in every locale", () => {
  it('every error code has a message in en and zh-CN that reads the same params', () => {
    expect(catalogueProblems(coreCatalogue)).toEqual([]);
    expect(Object.keys(coreCatalogue['zh-CN']).sort()).toEqual(Object.keys(coreCatalogue.en).sort());
  });

  it('every issue code of ISSUE_CODES has a message in both locales', () => {
    expect(catalogueProblems({ en: issuesOf('en'), 'zh-CN': issuesOf('zh-CN') })).toEqual([]);
    expect(Object.keys(issuesOf('en')).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it("every finding text of core (deadlines, quotas) exists in both locales with the key's placeholders", () => {
    expect(findingCatalogueProblems(coreFindings)).toEqual([]);
  });

  it('the parity check fails on a code missing in a locale and on a placeholder that differs', () => {
    const en = { A: (p: { x: string }) => `a ${p.x}`, B: (p: { y: string }) => `b ${p.y}` };
    expect(catalogueProblems({ en, 'zh-CN': { A: (p: { x: string }) => `甲 ${p.x}` } })).toEqual([
      expect.objectContaining({ code: 'B', kind: 'missing', locale: 'zh-CN' }),
    ]);
    expect(
      catalogueProblems({
        en,
        'zh-CN': { A: (p: { z: string }) => `甲 ${p.z}`, B: (p: { y: string }) => `乙 ${p.y}` },
      }),
    ).toEqual([expect.objectContaining({ code: 'A', kind: 'placeholders', locale: 'zh-CN' })]);
    expect(placeholdersOf((p: { a?: string; b: string }) => (p.a ? `${p.a}:${p.b}` : p.b))).toEqual(['a', 'b']);
    expect(
      findingCatalogueProblems({ id: 't', en: { 'x {a}': 'x {a}' }, 'zh-CN': { 'x {a}': '叉 {b}' } }),
    ).toHaveLength(1);
    expect(findingCatalogueProblems({ id: 't', en: { 'x {a}': 'x {a}' }, 'zh-CN': {} })).toHaveLength(1);
  });
});

describe('issue codes', () => {
  it('are one list; the old spellings map to the current codes', () => {
    expect(issueCode('position-order')).toBe('position_order');
    expect(issueCode('invalid_enum_value')).toBe('invalid_value');
    expect(issueCode('duplicate')).toBe('duplicate_id');
    expect(issueCode('no_such_code')).toBe('custom');
    for (const to of Object.values(ISSUE_CODE_ALIASES)) expect(ISSUE_CODES).toContain(to);
  });
});

describe('a ValidationError in zh-CN has no English left', () => {
  const schema = z.object({ name: z.string().min(3), kind: z.enum(['a', 'b']), count: z.number() });
  const parsed = schema.safeParse({ name: 'x', kind: 'c', count: 'two' });
  const err = new ValidationError([
    ...zodIssues(parsed.error!, ['payload']),
    {
      path: ['streamId'],
      code: 'invalid_stream_id',
      message: 'expected a stream id matching …',
      expected: '^(application|exam)-.+$',
      received: '"x"',
    },
    { path: ['events'], code: 'empty_batch', message: 'expected at least one event', expected: 'non-empty array' },
  ]);

  it('formats every issue from its code and data', () => {
    const zh = err.format('zh-CN');
    expect(zh.startsWith('输入无效：')).toBe(true);
    // No English words beyond the values themselves (the enum values, the pattern, the types zod names).
    const words = zh
      .replace(/\^\(application\|exam\)-\.\+\$|"x"|payload\.\w+|streamId|events|string|number|"a"|"b"|\|/g, '')
      .match(/[A-Za-z]{3,}/g);
    expect(words).toBeNull();
    expect(err.format('en')).toContain('expected at least one event → at events');
  });

  it('prettifyError lists them in the locale', () => {
    const lines = prettifyError(err, 'zh-CN').split('\n');
    expect(lines).toContain('  → 位置 payload.name');
    expect(lines[0]).toMatch(/^✖ .*[\u4e00-\u9fff]/);
    expect(prettifyError(err)).toContain('  → at payload.name');
  });
});

describe('formatError and findings', () => {
  it('formats any error in a locale, a certflow one through its own catalogue', () => {
    const e = new ConcurrencyError('exam-1', 2, 3);
    expect(formatError(e, 'zh-CN')).toBe('事件流 exam-1：期望版本 2，实际版本 3');
    expect(formatError(new Error('plain'), 'zh-CN')).toBe('plain');
    expect(e.localize('zh-CN').message).toBe('事件流 exam-1：期望版本 2，实际版本 3');
    expect(e.format()).toBe(e.message);
    expect(e.format('en')).toBe('stream exam-1: expected version 2, but the stream is at 3');
  });

  it("words a deadline finding of core in zh-CN, filling the template's values", () => {
    const cite = { document: 'D', clause: '一', text: 'T' };
    const message =
      'PlanExam was due on or before 2020-06-01 (within 5 working days, anchor 2020-05-25); today is 2020-06-03';
    const err = new RuleViolationError('PlanExam', [{ ruleId: 'plan-filed', outcome: 'fail', message, cite }]);
    const t = findingTranslator([]);
    expect(t(message, 'zh-CN')).toBe(
      'PlanExam 应于 2020-06-01 前办理（起算日 2020-05-25 后 5 个工作日内）；今天是 2020-06-03',
    );
    expect(formatError(err, 'zh-CN', t)).toContain('应于 2020-06-01 前办理');
    expect(t('a message no catalogue knows', 'zh-CN')).toBeUndefined();
    err.localize('zh-CN', t);
    expect(err.message).toContain('被拒绝');
    expect(err.findingMessage(0)).toContain('今天是 2020-06-03');
    expect(prettifyError(err, 'zh-CN')).toContain('  ✖ plan-filed: PlanExam 应于 2020-06-01 前办理');
  });

  it('takes the locale from LC_ALL, LC_MESSAGES, LANG in that order', () => {
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LC_ALL: '', LC_MESSAGES: 'zh_TW', LANG: 'C' })).toBe('zh-CN');
    expect(localeFromEnv({})).toBe('en');
  });
});

describe('createEngine({ locale })', () => {
  it("throws errors whose message is in the engine's locale", async () => {
    const { createEngine } = await import('../engine/createEngine.js');
    const { memoryStore } = await import('../memoryStore.js');
    const zh = createEngine({ store: memoryStore(), rulePacks: [], locale: 'zh-CN' });
    const en = createEngine({ store: memoryStore(), rulePacks: [] });
    const zhErr = (await zh.load('not-a-stream').catch((e: unknown) => e)) as ValidationError;
    const enErr = (await en.load('not-a-stream').catch((e: unknown) => e)) as ValidationError;
    expect(zhErr).toBeInstanceOf(ValidationError);
    expect(zhErr.message).toMatch(/^输入无效：事件流编号无效/);
    expect(enErr.message).toMatch(/^invalid input: /);
    expect(zhErr.code).toBe(enErr.code);
  });
});
