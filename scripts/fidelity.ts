// The re-audit of a rule pack: rulepacks/<pack>/FIDELITY.md lists, for every
// checkable requirement of the pack's notice, the clause, the notice's own
// words, how the pack encodes it and the test that holds it. This module
// parses that file; scripts/fidelity.spec.ts checks every row against the
// pack and its tests. The format (one table per document):
//
//   ## 闽人社… (the document number, exactly as the pack's documents give it;
//   a note in ASCII parentheses may follow it after a space)
//
//   | clause | the notice's words | encoded as | held by |
//   |---|---|---|---|
//   | 三（二）3 | 由省鉴定中心统一进行评价机构编码 | role `CompleteFiling` | `src/filing.unit.spec.ts` › only the provincial centre files |
//
// "the notice's words" occur verbatim (whitespace aside) in the document.
// "encoded as" names what holds the requirement, each in backticks after its
// kind: rule `id`, deadline `id`, quota `id`, material `id`, schedule `id`,
// role `Command`, disabled `Command`, levels, validity, numbering — or says
// `engine:` (core enforces it for every pack) or `not encodable:` and why.
// A rule whose outcome is review says what the expert checks in its message.
// "held by" lists tests as `path` › name, separated by `;`: the path is
// relative to the pack folder (or to the repository when it starts with
// packages/, scripts/, examples/ or rulepacks/), the file contains the name
// (a test title, or a case `name:` of test/cases.yaml). A `not encodable:`
// row may hold `—`.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RulePack } from '@certflow/core';

/** Every citation a finding, deadline or record of the pack can carry, with what it belongs to. */
export function citationsOf(pack: RulePack): { label: string; document: string }[] {
  return [
    ...pack.rules.map((r) => ({ label: `rule ${r.id}`, document: r.cite.document })),
    ...pack.deadlines.map((d) => ({ label: `deadline ${d.id}`, document: d.cite.document })),
    ...pack.quotas.map((q) => ({ label: `quota ${q.id}`, document: q.cite.document })),
    ...pack.materials.map((m) => ({ label: `material ${m.id}`, document: m.cite.document })),
    ...pack.documents.flatMap((d) =>
      (d.schedule ?? []).map((s) => ({ label: `schedule ${s.id}`, document: s.cite.document })),
    ),
    ...(pack.levels ? [{ label: 'levels', document: pack.levels.cite.document }] : []),
    ...(pack.filingValidity ? [{ label: 'filing validity', document: pack.filingValidity.cite.document }] : []),
    ...(pack.certificateNumber
      ? [{ label: 'certificate number', document: pack.certificateNumber.cite.document }]
      : []),
  ];
}

/**
 * The documents a pack may cite: national ones (`level: 'national'`), and —
 * for a regional pack — the notices it declares itself (not inherited) whose
 * issuer is of its own jurisdiction (a Fuzhou pack's notice is issued in
 * 福州). A pack of national jurisdiction cites national documents only.
 */
export function citableDocuments(pack: RulePack): Set<string> {
  const inherited = new Set(pack.parent?.documents ?? []);
  const own = pack.documents.filter(
    (d) => !inherited.has(d) && pack.jurisdiction.level !== 'national' && d.issuer.includes(pack.jurisdiction.name),
  );
  return new Set([...pack.documents.filter((d) => d.level === 'national'), ...own].map((d) => d.number));
}

/**
 * Where the pack cites a document that is neither its own notice nor a
 * national one: 「A finding cites the pack's own notice where that notice
 * speaks, otherwise a national document; never another province's notice.」
 */
export function foreignCitationsOf(pack: RulePack): string[] {
  const allowed = citableDocuments(pack);
  return citationsOf(pack)
    .filter((c) => !allowed.has(c.document))
    .map((c) => `${pack.id}@${pack.version} ${c.label}: ${c.document}`);
}

/**
 * The pack folders under `root` (a folder with a package.json is a pack) and
 * those of them without a FIDELITY.md: every pack keeps one.
 */
export function packFolders(root: string): { folders: string[]; withoutFidelity: string[] } {
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
  return { folders, withoutFidelity: folders.filter((f) => !existsSync(join(root, f, 'FIDELITY.md'))) };
}

export const FIDELITY_HEADER = ['clause', "the notice's words", 'encoded as', 'held by'] as const;

export const REFERENCE_KINDS = ['rule', 'deadline', 'quota', 'material', 'schedule', 'role', 'disabled'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface FidelityRow {
  /** 1-based line in FIDELITY.md. */
  line: number;
  document: string;
  clause: string;
  words: string;
  encoded: string;
  references: { kind: ReferenceKind; id: string }[];
  /** `engine:` or `not encodable:` rows (nothing of the pack to name). */
  note: 'engine' | 'not-encodable' | null;
  tests: { file: string; name: string }[];
}

export interface FidelityFile {
  rows: FidelityRow[];
  /** Lines that look like rows of a table but do not parse. */
  problems: { line: number; message: string }[];
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));

export function parseFidelity(text: string): FidelityFile {
  const rows: FidelityRow[] = [];
  const problems: { line: number; message: string }[] = [];
  let document: string | null = null;
  let inTable = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const heading = /^##\s+(.+?)\s*$/.exec(raw);
    if (heading) {
      // A heading may add a note after the number: `## 文号 (roles and the engine)`.
      document = heading[1]!.replace(/\s+\([^()]*\)$/, '');
      inTable = false;
      return;
    }
    if (!raw.trim().startsWith('|')) {
      inTable = false;
      return;
    }
    const c = cells(raw);
    if (c.every((x) => /^:?-+:?$/.test(x))) return;
    if (c.join('|') === FIDELITY_HEADER.join('|')) {
      if (!document) problems.push({ line, message: 'a table before any `## <document number>` heading' });
      inTable = true;
      return;
    }
    if (!inTable) {
      problems.push({ line, message: `a table row outside a table headed | ${FIDELITY_HEADER.join(' | ')} |` });
      return;
    }
    if (c.length !== 4) {
      problems.push({ line, message: `${c.length} cells, expected 4` });
      return;
    }
    const [clause, words, encoded, held] = c as [string, string, string, string];
    const references = [...encoded.matchAll(new RegExp(`\\b(${REFERENCE_KINDS.join('|')}) \`([^\`]+)\``, 'g'))].map(
      (m) => ({ kind: m[1] as ReferenceKind, id: m[2]! }),
    );
    const note = /(^|[;，,]\s*)engine:/.test(encoded)
      ? 'engine'
      : /(^|[;，,]\s*)not encodable:/.test(encoded)
        ? 'not-encodable'
        : null;
    const tests = [...held.matchAll(/`([^`]+)`\s*›\s*([^;]+)/g)].map((m) => ({
      file: m[1]!,
      name: m[2]!.trim().replace(/^["“「]|["”」]$/g, ''),
    }));
    if (!clause) problems.push({ line, message: 'no clause' });
    if (words.replace(/[「」]/g, '').length < 2) problems.push({ line, message: "no notice's words" });
    if (references.length === 0 && note === null && !/\b(levels|validity|numbering)\b/.test(encoded)) {
      problems.push({
        line,
        message: 'encoded as names nothing: rule `id`, deadline `id`, …, or says engine: / not encodable:',
      });
    }
    if (tests.length === 0 && !(note === 'not-encodable' && /^(—|-)$/.test(held)))
      problems.push({ line, message: 'held by names no test (`file` › name)' });
    rows.push({
      line,
      document: document ?? '',
      clause,
      words: words.replace(/^「|」$/g, ''),
      encoded,
      references,
      note,
      tests,
    });
  });
  return { rows, problems };
}
