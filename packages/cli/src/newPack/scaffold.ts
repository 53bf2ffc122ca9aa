// What `pnpm create-pack` (in a checkout) and `certflow new-pack` (anywhere)
// share beyond the file templates: the jurisdiction a division code names, the
// sample profile registered there, the file set, and writing it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { usccCheckCharacter } from '@certflow/core';
import { writePackDigest } from './digest.js';
import * as t from './templates.js';

/** A kebab-case pack id: a province (`hubei`), `<province>-<city>` (`fujian-xiamen`), `<region>-<what>`. */
export const PACK_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A 6-digit GB/T 2260 division code. */
export const DIVISION_CODE = /^\d{6}$/;

/** The level a GB/T 2260 code names, how many leading digits identify it, and a code inside the parent's jurisdiction but outside this one. */
export function jurisdictionOf(code: string): {
  level: 'national' | 'province' | 'city';
  prefix: number;
  elsewhere: string;
} {
  const level = code === '000000' ? 'national' : code.endsWith('0000') ? 'province' : 'city';
  const prefix = level === 'province' ? 2 : code.endsWith('00') ? 4 : 6;
  // Elsewhere: inside the parent's province where possible, so only the new rule fails.
  const elsewhere =
    level === 'province'
      ? code === '110000'
        ? '120000'
        : '110000'
      : `${code.slice(0, 2)}${code.slice(2, 4) === '01' ? '02' : '01'}00`;
  return { level, prefix, elsewhere };
}

/** The parent's sample profile registered in `code`, with a valid 统一社会信用代码 registered there. */
export function registeredHere<P extends { organization: Record<string, unknown> }>(base: P, code: string): P {
  const out = structuredClone(base);
  const usccBody = `52${code}MJD123451`;
  out.organization = { ...out.organization, registeredIn: code, uscc: `${usccBody}${usccCheckCharacter(usccBody)}` };
  return out;
}

/** Every file of a new pack, by path relative to its folder (snapshot.md and src/digest.ts are written after). */
export function packFiles(input: t.PackTemplateInput): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': t.packageJson(input),
    'tsup.config.ts': t.tsupConfig(),
    'tsconfig.json': t.tsconfig(input),
    'source/notice.txt': t.PLACEHOLDER_NOTICE,
    'src/index.ts': t.indexTs(input),
    'src/definition.ts': t.definitionTs(input),
    'src/documents.ts': t.documentsTs(input),
    'src/rules/index.ts': t.rulesIndexTs(),
    'src/rules/ch1-conditions.ts': t.chapterRulesTs(input),
    'src/materials.ts': t.materialsTs(),
    'src/quotas.ts': t.quotasTs(),
    'src/deadlines.ts': t.deadlinesTs(),
    'src/limits.ts': t.limitsTs(),
    'src/example.ts': t.exampleTs(input),
    'src/released/hashes.ts': t.hashesTs(),
    'src/locales/en.ts': t.localesEnTs(input),
    'src/locales/zh-CN.ts': t.localesZhTs(input),
    'src/locales/index.ts': t.localesIndexTs(input),
    [`src/${input.id}.unit.spec.ts`]: t.specTs(input),
    'test/cases.yaml': t.casesYaml(input),
    'README.md': t.readme(input),
    'FIDELITY.md': t.fidelityMd(input),
    LICENSE: t.license(2026),
    'CHANGELOG.md': t.changelog(input),
  };
  if (input.mode === 'standalone') {
    files['scripts/snapshots.ts'] = t.snapshotsScript();
    files['.gitignore'] = t.gitignore();
  }
  return files;
}

/** Writes the files into `dir` and then `src/digest.ts` over them; returns the paths written. */
export function writePackFiles(dir: string, files: Record<string, string>): string[] {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  writePackDigest(dir);
  return [...Object.keys(files), 'src/digest.ts'];
}
