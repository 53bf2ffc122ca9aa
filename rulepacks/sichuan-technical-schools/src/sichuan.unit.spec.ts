import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatCertificateNumber, parseCertificateNumber } from '@certflow/core';
import { describeRulePack, screenWithEngine } from '@certflow/core/testing';
import sichuan, { RECORD_RETENTION, SANCTIONS, materials } from './index.js';

const packDir = fileURLToPath(new URL('..', import.meta.url));
const nationalSource = fileURLToPath(new URL('../../national/source', import.meta.url));
const squash = (s: string) => s.replace(/\s+/g, '');
const noticeText = squash(readFileSync(new URL('../source/chuanrensheban-2020-20.txt', import.meta.url), 'utf8'));

describeRulePack(sichuan, { packDir, sourceDirs: [nationalSource], screen: screenWithEngine });

describe('sichuan-technical-schools pack', () => {
  it('is the default export, extends the national base, five levels', () => {
    expect(sichuan.id).toBe('sichuan-technical-schools');
    expect(sichuan.parent?.id).toBe('national');
    expect(sichuan.levels?.allowed).toEqual([1, 2, 3, 4, 5]);
    expect(sichuan.jurisdiction).toEqual({ name: '四川', code: '510000', level: 'province' });
    expect(sichuan.rules.map((r) => r.id)).not.toContain('standard-required');
  });

  it('records the date of issue as the notice prints it: 「2020年1月  日」 gives the month, not a day', () => {
    expect(noticeText).toContain(squash('2020年1月  日'));
    expect(sichuan.documents.find((d) => d.number === '川人社办发〔2020〕20号')?.issued).toBe('2020-01');
  });

  it('lists the eight materials of 附件2', () => {
    expect(materials).toHaveLength(8);
    expect(sichuan.materials.map((m) => m.id)).toEqual(materials.map((m) => m.id));
  });

  it('declares acceptance within 10 and the plan within 30 working days as data', () => {
    expect(sichuan.deadlines.map((d) => [d.id, d.kind, d.workingDays, d.from.event, d.from.field, d.step])).toEqual([
      ['acceptance-notice', 'within', 10, 'ApplicationSubmitted', undefined, 'AcceptApplication'],
      ['exam-plan-filing', 'within', 30, 'ExamPlanned', 'enrolmentClosedOn', 'FileExamPlan'],
    ]);
    // 附件3 1 「通知申请单位是否受理」: a notice of non-acceptance answers the acceptance deadline too.
    expect(sichuan.deadlines.find((d) => d.id === 'acceptance-notice')?.closedBy).toEqual(['RejectApplication']);
  });

  it('numbers certificates with province code 51', () => {
    expect(sichuan.certificateNumber?.provinceCode).toBe('51');
    const n = formatCertificateNumber({
      organizationType: 'S',
      organizationCode: '0000',
      provinceCode: sichuan.certificateNumber!.provinceCode,
      siteSequence: '000001',
      year: 2021,
      level: 4,
      serial: 1,
    });
    expect(parseCertificateNumber(n).provinceCode).toBe('51');
  });

  it('keeps records 2 years and quotes the retention and sanction clauses verbatim', () => {
    expect(RECORD_RETENTION.years).toBe(2);
    expect(noticeText.includes(squash(RECORD_RETENTION.cite.text))).toBe(true);
    expect(noticeText.includes(squash(SANCTIONS.cite.text))).toBe(true);
  });
});

describe('sichuan-technical-schools releases', () => {
  it('1.1.0 keeps 1.0.0 loadable with the hashes its logs recorded, as it was', () => {
    expect(sichuan.version).toBe('1.1.1');
    const [v110, v100] = sichuan.releases;
    expect(v110?.version).toBe('1.1.0');
    expect(v100?.version).toBe('1.0.0');
    expect(v100?.hash).toBe('07d2e12d694f2b61feb85d8e761425f0fe3d09d099b652165440dc075dd09e31');
    expect(v100?.knownHashes).toContain('c67b74606c217d09200ab74bda0a14c15b0508c9fb7b1827ce78d3f0d49c5c08');
    expect(v100?.deadlines.find((d) => d.id === 'acceptance-notice')?.closedBy).toBeUndefined();
    expect(v100?.rules.some((r) => r.appliesTo === 'IssueCertificates')).toBe(false);
    expect(sichuan.filingValidity?.years).toBeUndefined();
    expect(sichuan.filingValidity?.cite.clause).toBe('附件3 4');
  });
});
