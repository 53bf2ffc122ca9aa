import { describe, expect, it } from 'vitest';
import { checkAdvertising } from './rules/ch4-requirements.js';

const terms = (text: string) =>
  checkAdvertising(text)
    .filter((f) => f.outcome === 'fail')
    .map((f) => f.term);

describe('checkAdvertising (四（六）)', () => {
  it('finds nothing in plain advertising', () => {
    expect(checkAdvertising('本中心开展车工、焊工职业技能等级认定，欢迎报名。')).toEqual([]);
  });

  it.each([
    ['人力资源社会保障部门监制', '人力资源社会保障部门'],
    ['职业技能鉴定(指导)中心授权', '职业技能鉴定(指导)中心'],
    ['职业技能鉴定（指导）中心授权', '职业技能鉴定(指导)中心'],
    ['省职业技能鉴定指导中心', '职业技能鉴定(指导)中心'],
    ['职业技能鉴定中心统一组织', '职业技能鉴定(指导)中心'],
    ['全国通用就业证', '就业证'],
    ['可作为录用依据', '录用依据'],
  ])('flags 「%s」 as %s', (text, term) => {
    expect(terms(text)).toEqual([term]);
  });

  it('flags both 职业资格 and 资格证 in 职业资格证书, each citing 四（六）, in text order', () => {
    const findings = checkAdvertising('考试合格颁发职业资格证书');
    expect(findings.map((f) => [f.term, f.match, f.index])).toEqual([
      ['职业资格', '职业资格', 6],
      ['资格证', '资格证', 8],
    ]);
    expect(findings.every((f) => f.cite.clause === '四（六）' && f.code === 'forbidden-wording')).toBe(true);
  });

  it('reports every occurrence', () => {
    expect(terms('资格证！资格证！')).toEqual(['资格证', '资格证']);
  });

  it('near-miss wording (a bureau, a 鉴定站) is for an expert, not refused; inside a forbidden word it is not repeated', () => {
    const f = checkAdvertising('福州市人社局指定；某鉴定站');
    expect(f.map((x) => [x.outcome, x.match])).toEqual([
      ['review', '人社局'],
      ['review', '鉴定站'],
    ]);
    expect(checkAdvertising('职业技能鉴定中心').map((x) => x.code)).toEqual(['forbidden-wording']);
  });

  it('flags the national emblem, government logos and other bodies’ logos; the own logo is fine', () => {
    const f = checkAdvertising('欢迎报名', {
      emblems: ['own-logo', 'national-emblem', 'government-logo', 'other-organization-logo'],
    });
    expect(f.map((x) => [x.code, x.outcome, x.term])).toEqual([
      ['forbidden-emblem', 'fail', '国徽'],
      ['forbidden-emblem', 'fail', '政府部门徽标(logo)'],
      ['forbidden-emblem', 'fail', '本机构以外任何其他部门或单位的标识(logo)'],
    ]);
    expect(checkAdvertising('欢迎报名', { emblems: ['misleading-image'] })[0]).toMatchObject({ outcome: 'review' });
  });
});
