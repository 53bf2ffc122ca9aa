// Holds every rulepacks/<pack>/FIDELITY.md (format: scripts/fidelity.ts) to
// the pack it describes: the notice's words are the notice's, every rule,
// deadline, quota, material, schedule date and role a row names exists in
// the pack, every test a row names exists, and every requirement the pack
// encodes itself (own rules, deadlines, quotas, materials) has a row.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RulePack } from '@certflow/core';
import { ownRules } from '@certflow/core/testing';
import { foreignCitationsOf, packFolders, parseFidelity, type FidelityRow } from './fidelity.js';

const repo = resolve(import.meta.dirname, '..');
const root = join(repo, 'rulepacks');
// Every pack folder, with a FIDELITY.md or not: one without fails below.
const { folders, withoutFidelity } = packFolders(root);

const squash = (s: string) => s.replace(/\s+/g, '');

/** The shipped text of a document of the pack: its own source/ first, then any pack's (an inherited document). */
function documentText(pack: RulePack, folder: string, number: string): string | undefined {
  const doc = pack.documents.find((d) => d.number === number);
  if (!doc) return undefined;
  const dirs = [join(root, folder, 'source'), ...readdirSync(root).map((f) => join(root, f, 'source'))];
  const file = dirs.map((d) => join(d, doc.source)).find((f) => existsSync(f));
  return file ? squash(readFileSync(file, 'utf8')) : undefined;
}

/** Every fragment of the words (split at …) occurs in the text, in order. */
function occursIn(text: string, words: string): boolean {
  let from = 0;
  for (const part of words
    .split(/…+|\.\.\./)
    .map(squash)
    .filter(Boolean)) {
    const at = text.indexOf(part, from);
    if (at === -1) return false;
    from = at + part.length;
  }
  return true;
}

function referenceExists(pack: RulePack, kind: string, id: string): boolean {
  switch (kind) {
    case 'rule':
      return pack.rules.some((r) => r.id === id);
    case 'deadline':
      return pack.deadlines.some((d) => d.id === id);
    case 'quota':
      return pack.quotas.some((q) => q.id === id);
    case 'material':
      return pack.materials.some((m) => m.id === id);
    case 'schedule':
      return pack.documents.some((d) => (d.schedule ?? []).some((s) => s.id === id));
    case 'role':
      return (pack.roles as Record<string, unknown> | undefined)?.[id] !== undefined;
    case 'disabled':
      return (pack.disabledCommands ?? []).includes(id as never);
    default:
      return false;
  }
}

function testFile(folder: string, file: string): string {
  return /^(packages|scripts|examples|rulepacks|docs)\//.test(file) ? join(repo, file) : join(root, folder, file);
}

const where = (folder: string, r: FidelityRow) => `rulepacks/${folder}/FIDELITY.md:${r.line} (${r.clause})`;

describe('FIDELITY.md of every rule pack', () => {
  it('every pack folder has one', () => {
    expect(folders).toEqual(
      expect.arrayContaining([
        'national',
        'shandong',
        'fujian-fuzhou',
        'shanghai',
        'sichuan-technical-schools',
        'national-industry-pilot',
      ]),
    );
    expect(withoutFidelity.map((f) => `rulepacks/${f}/FIDELITY.md is missing`)).toEqual([]);
  });

  for (const folder of folders.filter((f) => !withoutFidelity.includes(f))) {
    describe(folder, async () => {
      const pack = ((await import(pathToFileURL(join(root, folder, 'src', 'index.ts')).href)) as { default: RulePack })
        .default;
      const { rows, problems } = parseFidelity(readFileSync(join(root, folder, 'FIDELITY.md'), 'utf8'));

      it("cites only its own notice and national documents, never another province's notice", () => {
        expect(foreignCitationsOf(pack)).toEqual([]);
      });

      it('parses: every row has a clause, words, an encoding and a test', () => {
        expect(problems.map((p) => `FIDELITY.md:${p.line}: ${p.message}`)).toEqual([]);
        expect(rows.length).toBeGreaterThan(0);
      });

      it("names only documents of the pack, and quotes each row's words from its document", () => {
        const wrong = rows.flatMap((r) => {
          const text = documentText(pack, folder, r.document);
          if (text === undefined)
            return [`${where(folder, r)}: ${r.document} is not a document of ${pack.id} shipped in a source/ folder`];
          return occursIn(text, r.words) ? [] : [`${where(folder, r)}: 「${r.words}」 is not in ${r.document}`];
        });
        expect(wrong).toEqual([]);
      });

      it('names only rules, deadlines, quotas, materials, schedule dates and roles the pack has', () => {
        const missing = rows.flatMap((r) =>
          r.references
            .filter((x) => !referenceExists(pack, x.kind, x.id))
            .map((x) => `${where(folder, r)}: ${x.kind} ${x.id} is not in ${pack.id}@${pack.version}`),
        );
        expect(missing).toEqual([]);
      });

      it('names only tests that exist', () => {
        const missing = rows.flatMap((r) =>
          r.tests.flatMap((t) => {
            const file = testFile(folder, t.file);
            if (!existsSync(file)) return [`${where(folder, r)}: ${t.file} does not exist`];
            return readFileSync(file, 'utf8').includes(t.name)
              ? []
              : [`${where(folder, r)}: ${t.file} has no test or case named 「${t.name}」`];
          }),
        );
        expect(missing).toEqual([]);
      });

      it('has a row for every rule, deadline, quota and material the pack defines itself', () => {
        const named = new Set(rows.flatMap((r) => r.references.map((x) => `${x.kind} ${x.id}`)));
        const own = [
          ...ownRules(pack).map((r) => `rule ${r.id}`),
          ...pack.deadlines.filter((d) => !pack.parent?.deadlines.includes(d)).map((d) => `deadline ${d.id}`),
          ...pack.quotas.filter((q) => !pack.parent?.quotas.includes(q)).map((q) => `quota ${q.id}`),
          ...pack.materials.filter((m) => !pack.parent?.materials.includes(m)).map((m) => `material ${m.id}`),
        ];
        expect(own.filter((x) => !named.has(x))).toEqual([]);
      });
    });
  }
});
