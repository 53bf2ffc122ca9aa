import { describe, expect, it } from 'vitest';
import { defineRulePack } from '@certflow/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { national, national_1_0_0 } from '@certflow/rulepack-national';
import { fujianFuzhou, fujianFuzhou_1_0_0 } from '@certflow/rulepack-fujian-fuzhou';
import { nationalIndustryPilot } from '@certflow/rulepack-national-industry-pilot';
import { foreignCitationsOf, packFolders, parseFidelity } from './fidelity.js';

const table = (row: string) =>
  `# x\n\n## 文号\n\n| clause | the notice's words | encoded as | held by |\n|---|---|---|---|\n${row}\n`;

describe('FIDELITY.md rows', () => {
  it('reads references, notes and tests', () => {
    const { rows, problems } = parseFidelity(
      table(
        '| 三（二）3 | 「由省鉴定中心统一」 | rule `a-b`, role `CompleteFiling` | `src/x.unit.spec.ts` › only the centre; `test/cases.yaml` › at the cap |',
      ),
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 7,
        document: '文号',
        clause: '三（二）3',
        words: '由省鉴定中心统一',
        encoded: 'rule `a-b`, role `CompleteFiling`',
        references: [
          { kind: 'rule', id: 'a-b' },
          { kind: 'role', id: 'CompleteFiling' },
        ],
        note: null,
        tests: [
          { file: 'src/x.unit.spec.ts', name: 'only the centre' },
          { file: 'test/cases.yaml', name: 'at the cap' },
        ],
      },
    ]);
  });

  it('refuses a row that names nothing, or no test, or sits outside a table', () => {
    expect(parseFidelity(table('| 一 | 某某要求 | something | `a.ts` › t |')).problems.map((p) => p.message)).toEqual([
      expect.stringContaining('names nothing'),
    ]);
    expect(parseFidelity(table('| 一 | 某某要求 | rule `x` | — |')).problems.map((p) => p.message)).toEqual([
      expect.stringContaining('names no test'),
    ]);
    expect(parseFidelity(table('| 一 | 某某要求 | not encodable: a judgement | — |')).problems).toEqual([]);
    expect(parseFidelity('| a | b | c | d |\n').problems.map((p) => p.message)).toEqual([
      expect.stringContaining('outside a table'),
    ]);
  });
});

describe('pack folders', () => {
  it('a pack folder without FIDELITY.md is named, a folder that is no pack is not', () => {
    const root = mkdtempSync(join(tmpdir(), 'fidelity-'));
    try {
      for (const [name, files] of [
        ['audited', ['package.json', 'FIDELITY.md']],
        ['unaudited', ['package.json']],
        ['notes', ['README.md']],
      ] as const) {
        mkdirSync(join(root, name));
        for (const f of files) writeFileSync(join(root, name, f), '{}');
      }
      expect(packFolders(root)).toEqual({ folders: ['audited', 'unaudited'], withoutFidelity: ['unaudited'] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('foreign citations', () => {
  it('the 1.0.0 releases cited provincial notices from the base: the Fuzhou and the national packs are caught', () => {
    // 1.0.0 did not yet mark 中就培函〔2020〕41号 as a national document (`level: 'national'`), so it is listed too.
    expect(foreignCitationsOf(national_1_0_0)).toEqual([
      'national@1.0.0 rule levels-allowed: 川人社办发〔2020〕20号',
      'national@1.0.0 rule not-access-type: 中就培函〔2020〕41号',
      'national@1.0.0 rule standard-required: 鲁人社字〔2020〕50号',
      'national@1.0.0 levels: 川人社办发〔2020〕20号',
    ]);
    expect(foreignCitationsOf(fujianFuzhou_1_0_0)).toEqual([
      'fujian-fuzhou@1.0.0 rule levels-allowed: 川人社办发〔2020〕20号',
      'fujian-fuzhou@1.0.0 levels: 川人社办发〔2020〕20号',
    ]);
  });

  it('the current packs cite their own notice or national documents', () => {
    expect([national, fujianFuzhou, nationalIndustryPilot].flatMap(foreignCitationsOf)).toEqual([]);
  });

  it("a regional pack declaring another region's notice as its own is caught (its issuer is not of the pack's jurisdiction)", () => {
    const doc = {
      number: '川人社办发〔2020〕20号',
      title: 't',
      issuer: '四川省人力资源和社会保障厅',
      issued: '2020-01',
      source: 's.txt',
    };
    const pack = defineRulePack({
      id: 'child',
      version: '1.0.0',
      title: 't',
      extends: national,
      documents: [doc],
      jurisdiction: { name: '福州', code: '350100', level: 'city' },
      rules: [],
      citations: { 'levels-allowed': { document: doc.number, clause: '三', text: '技能人才职业技能等级分为五个等级' } },
    });
    expect(foreignCitationsOf(pack)).toEqual(['child@1.0.0 rule levels-allowed: 川人社办发〔2020〕20号']);
  });
});
