import { describe, expect, it } from 'vitest';
import { fujianFuzhou } from '@certflow/rulepack-fujian-fuzhou';
import { shandong } from '@certflow/rulepack-shandong';
import { withCertificateNumbers } from './packs.js';

const cite = { document: '福州市人力资源和社会保障局2021年4月22日通知', clause: '四（一）', text: '按规定做好职业技能等级证书的核发和统计工作' };

describe('withCertificateNumbers', () => {
  it('leaves a pack that numbers its own certificates as it is', () => {
    expect(withCertificateNumbers(shandong, '99', cite)).toBe(shandong);
  });

  it('otherwise extends the region pack under a host id, adding only the province code and its citation', () => {
    const host = withCertificateNumbers(fujianFuzhou, '35', cite);
    expect(host.id).toBe('fujian-fuzhou-host');
    expect(host.parent).toBe(fujianFuzhou);
    expect(host.certificateNumber).toMatchObject({ provinceCode: '35', cite });
    expect(host.rules.map((r) => r.id)).toEqual(fujianFuzhou.rules.map((r) => r.id));
    expect(host.deadlines).toEqual(fujianFuzhou.deadlines);
    expect(host.filingValidity).toEqual(fujianFuzhou.filingValidity);
    expect(host.jurisdiction).toEqual(fujianFuzhou.jurisdiction);
  });
});
