import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packFolders, parseFidelity } from './fidelity.js';

const table = (row: string) => `# x\n\n## 文号\n\n| clause | the notice's words | encoded as | held by |\n|---|---|---|---|\n${row}\n`;

describe('FIDELITY.md rows', () => {
  it('reads references, notes and tests', () => {
    const { rows, problems } = parseFidelity(table("| 三（二）3 | 「由省鉴定中心统一」 | rule `a-b`, role `CompleteFiling` | `src/x.unit.spec.ts` › only the centre; `test/cases.yaml` › at the cap |"));
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
    expect(parseFidelity(table('| 一 | 某某要求 | something | `a.ts` › t |')).problems.map((p) => p.message)).toEqual([expect.stringContaining('names nothing')]);
    expect(parseFidelity(table('| 一 | 某某要求 | rule `x` | — |')).problems.map((p) => p.message)).toEqual([expect.stringContaining('names no test')]);
    expect(parseFidelity(table('| 一 | 某某要求 | not encodable: a judgement | — |')).problems).toEqual([]);
    expect(parseFidelity('| a | b | c | d |\n').problems.map((p) => p.message)).toEqual([expect.stringContaining('outside a table')]);
  });
});

describe('pack folders', () => {
  it('a pack folder without FIDELITY.md is named, a folder that is no pack is not', () => {
    const root = mkdtempSync(join(tmpdir(), 'fidelity-'));
    try {
      for (const [name, files] of [['audited', ['package.json', 'FIDELITY.md']], ['unaudited', ['package.json']], ['notes', ['README.md']]] as const) {
        mkdirSync(join(root, name));
        for (const f of files) writeFileSync(join(root, name, f), '{}');
      }
      expect(packFolders(root)).toEqual({ folders: ['audited', 'unaudited'], withoutFidelity: ['unaudited'] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
