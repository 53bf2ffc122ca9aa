// The files a new rule pack starts with, shared by `pnpm create-pack` (a pack
// folder of a certflow checkout) and `certflow new-pack` outside a checkout (a
// standalone pack project against the installed packages). Each is a function
// of the options so a test can scaffold into any folder; nothing here touches
// the disk.

export interface PackTemplateInput {
  id: string;
  name: string;
  code: string;
  level: 'national' | 'province' | 'city';
  parent: string;
  parentExport: string;
  /** A valid 统一社会信用代码 registered in `code`, for the sample profile. */
  uscc: string;
  /** The sample profile (the parent's test base with a local registration). */
  base: Record<string, unknown>;
  /** What the parent's complete base case expects (outcome, review). */
  baseExpect: { outcome: string; review?: string[]; fail?: string[] };
  /** The sample profile as YAML. */
  baseYaml: string;
  /** The parent's registration rule the new one replaces, if it has one. */
  replaces?: string;
  /** A division code inside the parent's jurisdiction but outside this one. */
  elsewhere: string;
  /** How many leading digits of the division code identify this jurisdiction. */
  prefix: number;
  /**
   * `checkout` (default): a `rulepacks/<id>` folder of a certflow checkout (workspace
   * dependencies, the README's sample in docs/snippets). `standalone`: a project of its
   * own, depending on the installed `@certflow/core` and parent pack by version range.
   */
  mode?: 'checkout' | 'standalone';
  /** The parent's package name (default `@certflow/rulepack-<parent>`). */
  parentPackage?: string;
  /** The China date the sample profile is screened on (default 2021-06-01). */
  asOf?: string;
  /** Standalone: the versions installed, for the dependency ranges. */
  versions?: { core: string; parent: string };
}

const standalone = (t: PackTemplateInput) => t.mode === 'standalone';
/** The package name of the new pack: `@certflow/rulepack-<id>` in a checkout, `certflow-rulepack-<id>` standalone (both discovered by the CLI). */
export const packageName = (t: PackTemplateInput) =>
  standalone(t) ? `certflow-rulepack-${t.id}` : `@certflow/rulepack-${t.id}`;
const parentPackage = (t: PackTemplateInput) => t.parentPackage ?? `@certflow/rulepack-${t.parent}`;
/** Toolchain ranges of a standalone pack project: the ones certflow itself is built and tested with. */
export const TOOLCHAIN = {
  '@types/node': '^20.19.0',
  tsup: '^8.5.0',
  tsx: '^4.20.0',
  typescript: '~5.9.3',
  vitest: '^4.0.0',
} as const;

export const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const json = (v: unknown) => JSON.stringify(v, null, 2);

export const PLACEHOLDER_NOTICE = `（把通知原文粘贴到本文件，一字不改，替换以下占位内容；再按原文修改 src/ 中的引用。）

占位通知

一、申报条件
（一）在本辖区内依法登记。
`;

export function packageJson(t: PackTemplateInput): string {
  if (standalone(t)) {
    const v = t.versions ?? { core: '0.1.0', parent: '0.1.0' };
    return `${json({
      name: packageName(t),
      version: '0.1.0',
      description: `certflow rule pack for ${t.name}`,
      license: 'MIT',
      type: 'module',
      sideEffects: false,
      main: './dist/index.cjs',
      module: './dist/index.js',
      types: './dist/index.d.cts',
      exports: {
        '.': {
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
        './package.json': './package.json',
      },
      files: ['dist', 'source', 'snapshot.md', 'README.md', 'LICENSE', 'CHANGELOG.md'],
      scripts: { build: 'tsup', snapshots: 'tsx scripts/snapshots.ts', test: 'vitest run' },
      engines: { node: '>=20' },
      dependencies: { [parentPackage(t)]: `^${v.parent}` },
      // One copy of core for the host and every pack (instanceof of its errors), in the range the pack was built against.
      peerDependencies: { '@certflow/core': `^${v.core}` },
      devDependencies: { '@certflow/cli': `^${v.core}`, '@certflow/core': `^${v.core}`, ...TOOLCHAIN },
    })}\n`;
  }
  return `${json({
    name: packageName(t),
    version: '0.1.0',
    description: `certflow rule pack for ${t.name}`,
    license: 'MIT',
    repository: { type: 'git', url: 'git+https://github.com/certflow/certflow.git', directory: `rulepacks/${t.id}` },
    homepage: `https://github.com/certflow/certflow/tree/main/rulepacks/${t.id}#readme`,
    bugs: 'https://github.com/certflow/certflow/issues',
    type: 'module',
    sideEffects: false,
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.cts',
    exports: {
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
      './locales': {
        import: { types: './dist/locales/index.d.ts', default: './dist/locales/index.js' },
        require: { types: './dist/locales/index.d.cts', default: './dist/locales/index.cjs' },
      },
      './package.json': './package.json',
    },
    files: ['dist', 'source', 'snapshot.md', 'README.md', 'LICENSE', 'CHANGELOG.md'],
    scripts: { build: 'tsup' },
    engines: { node: '>=20' },
    dependencies: { [`@certflow/rulepack-${t.parent}`]: 'workspace:*' },
    // One copy of core for the host and every pack (instanceof of its errors), in the range the pack was built against.
    peerDependencies: { '@certflow/core': 'workspace:^' },
    devDependencies: { '@certflow/core': 'workspace:*' },
  })}\n`;
}

/** The same MIT licence every certflow package ships. */
export const license = (year: number) => `MIT License

Copyright (c) ${year} certflow contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

/** Changesets appends each release above this line (`pnpm changeset`, then `pnpm version-packages`). */
export const changelog = (t: PackTemplateInput) => `# ${packageName(t)}\n\n## 0.1.0\n\nFirst release.\n`;

export const tsupConfig = () => `import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'locales/index': 'src/locales/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  cjsInterop: true,
  // Sibling packs and core stay imports, never bundled copies.
  external: [/^@certflow\\//],
});
`;

export const tsconfig = (t?: PackTemplateInput) =>
  t && standalone(t)
    ? `${json({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023'],
          types: ['node'],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          verbatimModuleSyntax: false,
        },
        include: ['src', 'scripts'],
      })}\n`
    : `${json({ extends: '../../tsconfig.base.json', include: ['src'] })}\n`;

export const documentsTs = (t: PackTemplateInput) => `import type { PackDocument } from '@certflow/core';

/** The document number exactly as printed (e.g. 鲁人社字〔2020〕50号); every cite.document uses this constant. */
export const NOTICE = '（文号待填）';

export const documents: PackDocument[] = [
  {
    number: NOTICE,
    title: '（通知标题待填）',
    // The issuer names the jurisdiction: a finding may cite only its own notice (issued in ${t.name}) or a national document.
    issuer: '${t.name}（发文机关待填）',
    issued: '2021-01-01',
    source: 'notice.txt',
    // schedule: [{ id: 'first-batch-due', date: 'YYYY-MM-DD', description: '…', cite: { document: NOTICE, clause: '…', text: '…' } }],
  },
];
`;

/**
 * The file set every pack has (rulepacks/README.md, docs/authoring-a-rule-pack.md):
 * copy a pack, replace file by file. `src/rules/` holds one file per chapter of the
 * notice (the scaffold starts with 一) and `rules/index.ts`, which collects them.
 */
export const PACK_SOURCE_FILES = [
  'index.ts',
  'definition.ts',
  'documents.ts',
  'rules/index.ts',
  'materials.ts',
  'quotas.ts',
  'deadlines.ts',
  'limits.ts',
  'example.ts',
  'digest.ts',
  'released/hashes.ts',
  'locales/index.ts',
  'locales/en.ts',
  'locales/zh-CN.ts',
] as const;

export const chapterRulesTs = (
  t: PackTemplateInput,
) => `import { fail, pass, type ApplicantProfile, type Rule } from '@certflow/core';
import { NOTICE } from '../documents.js';

/**
 * 一: one rule per criterion of this chapter of the notice (one file per chapter: name it after the
 * chapter, e.g. ch2-occupations.ts). Copy \`cite.text\` from source/ exactly (the test ignores
 * whitespace only), name the clause as the notice numbers it.
 */
export const registeredInJurisdiction: Rule<ApplicantProfile> = {
  id: 'registered-in-${t.id}',${t.replaces ? `\n  replaces: '${t.replaces}',` : ''}
  description: '在${t.name}辖区内依法登记',
  cite: { document: NOTICE, clause: '一（一）', text: '在本辖区内依法登记' },
  evaluate: ({ organization: o }) =>
    o.registeredIn.startsWith('${t.code.slice(0, t.prefix)}')
      ? pass()
      : fail(\`登记地 \${o.registeredIn} 不在${t.name}辖区内\`, ['organization', 'registeredIn']),
};
`;

export const rulesIndexTs = () => `// The rules of the notice, one file per chapter (rules/ch1-conditions.ts for 一, …).
import { registeredInJurisdiction } from './ch1-conditions.js';

/** Every rule of the pack, in the order its decisions list them. */
export const rules = [registeredInJurisdiction];
`;

export const materialsTs = () => `import type { MaterialSpec } from '@certflow/core';

/** The materials the notice lists, each cited (none yet: say why when the notice lists none). */
export const materials: MaterialSpec[] = [];
`;

export const quotasTs = () => `import type { QuotaSpec } from '@certflow/core';

/** The caps the notice sets on filings per place or per occupation (none yet: say why when it sets none). */
export const quotas: QuotaSpec[] = [];
`;

export const deadlinesTs = () => `import type { DeadlineSpec } from '@certflow/core';

/** The working-day deadlines the notice sets, as data (none yet: say why when it sets none). */
export const deadlines: DeadlineSpec[] = [];
`;

export const limitsTs = () => `import type { RulePackDefinition } from '@certflow/core';

/**
 * The levels, filing validity and certificate numbering the notice sets, and the numbers its rules
 * read (e.g. \`export const MAX_OCCUPATIONS = 3\`). None yet: the parent's hold.
 */
export const limits: Pick<RulePackDefinition, 'levels' | 'filingValidity' | 'certificateNumber'> = {};
`;

export const hashesTs = () => `/**
 * The hashes every known build of each released version of this pack recorded in logs, by
 * version. When the version is bumped, the hash the old version had (its snapshot.md shows it)
 * is added here, and the old version is kept loadable in released/<version>.ts (releaseOf).
 */
export const KNOWN_HASHES: Readonly<Record<string, readonly string[]>> = {};
`;

export const definitionTs = (t: PackTemplateInput) => `import type { RulePackDefinition } from '@certflow/core';
// A named import: under CJS interop a default import of a sibling pack would be its whole module object.
import { ${t.parentExport} } from '${parentPackage(t)}';
import { deadlines } from './deadlines.js';
// The digest of src/ (written by \`${standalone(t) ? 'npm run snapshots' : 'pnpm snapshots'}\`): the pack's hash rests on it, not on how it was built.
import { sourceDigest } from './digest.js';
import { documents } from './documents.js';
import { limits } from './limits.js';
import { materials } from './materials.js';
import { quotas } from './quotas.js';
import { KNOWN_HASHES } from './released/hashes.js';
import { rules } from './rules/index.js';

/** ${t.name}: extends ${t.parent}; overrides only what the notice changes (\`replaces: '<rule id>'\`). */
export const definition: RulePackDefinition = {
  id: '${t.id}',
  version: '0.1.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: ${t.parentExport},
  title: '${t.name}职业技能等级认定规则',
  documents,
  jurisdiction: { name: '${t.name}', code: '${t.code}', level: '${t.level}' },
  rules,
  quotas,
  deadlines,
  materials,
  ...limits,
};
`;

export const indexTs = (t: PackTemplateInput) => `import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';

/** The current version (and, from the first release on, the released ones it keeps loadable: \`releases\`). */
const ${camel(t.id)}: RulePack = defineRulePack(definition);

export default ${camel(t.id)};
export { ${camel(t.id)} };
export { definition } from './definition.js';
export { documents, NOTICE } from './documents.js';
export { rules } from './rules/index.js';
export { registeredInJurisdiction } from './rules/ch1-conditions.js';
export { materials } from './materials.js';
export { quotas } from './quotas.js';
export { deadlines } from './deadlines.js';
export { limits } from './limits.js';
export { exampleProfile, exampleAsOf } from './example.js';
`;

/** The pack's example applicant (its test base), so samples need no profile of their own. */
export const exampleTs = (t: PackTemplateInput) => `import type { ApplicantProfile } from '@certflow/core';

/**
 * An applicant this pack screens as \`${t.baseExpect.outcome}\` on {@link exampleAsOf}: the base profile of
 * the pack's test cases (\`test/cases.yaml\`). Every field is described on \`ApplicantProfile\` (@certflow/core).
 */
export const exampleProfile: ApplicantProfile = ${json(t.base)};

/** The China date (YYYY-MM-DD) on which {@link exampleProfile} is screened as \`${t.baseExpect.outcome}\`. */
export const exampleAsOf = '${t.asOf ?? '2021-06-01'}';
`;

export const specTs = (t: PackTemplateInput) =>
  standalone(t)
    ? `import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeRulePack, screenWithEngine } from '@certflow/core/testing';
import pack from './index.js';

// Inherited rules cite the parent's notices: their texts ship in each pack package's source/.
const require = createRequire(import.meta.url);
const sourceOf = (name: string) => join(dirname(require.resolve(\`\${name}/package.json\`)), 'source');

describeRulePack(pack, {
  packDir: fileURLToPath(new URL('..', import.meta.url)),
  sourceDirs: [${[...new Set(['@certflow/rulepack-national', parentPackage(t)])].map((n) => `sourceOf('${n}')`).join(', ')}],
  screen: screenWithEngine,
});
`
    : `import { fileURLToPath } from 'node:url';
import { describeRulePack, screenWithEngine } from '@certflow/core/testing';
import pack from './index.js';

describeRulePack(pack, {
  packDir: fileURLToPath(new URL('..', import.meta.url)),
  // Inherited rules cite the parent's notices: look for their texts there too.
  sourceDirs: [fileURLToPath(new URL('../../national/source', import.meta.url)), fileURLToPath(new URL('../../${t.parent}/source', import.meta.url))],
  screen: screenWithEngine,
});
`;

/** Standalone: what git leaves out. */
export const gitignore = () => `node_modules/\ndist/\n`;

/** Standalone: `npm run snapshots` writes src/digest.ts, then snapshot.md from the pack (what `pnpm snapshots` does in a checkout). */
export const snapshotsScript =
  () => `// Regenerates src/digest.ts (the digest of src/, which the pack's hash rests on) and then
// snapshot.md from the pack. Run after every change under src/: \`npm run snapshots\`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderPackSnapshot, type RulePack } from '@certflow/core';
import { writePackDigest } from '@certflow/cli';

const dir = fileURLToPath(new URL('..', import.meta.url));
writePackDigest(dir);
const pack = (await import(pathToFileURL(\`\${dir}/src/index.ts\`).href)).default as RulePack;
writeFileSync(new URL('../snapshot.md', import.meta.url), renderPackSnapshot(pack));
console.log(\`wrote src/digest.ts and snapshot.md (\${pack.id}@\${pack.version} \${pack.hash.slice(0, 12)}…)\`);
`;

/** The re-audit table of the pack (checked by the repository's scripts/fidelity.spec.ts): one row per requirement of the notice. */
export const fidelityMd = (t: PackTemplateInput) => `# Fidelity of the ${t.name} pack

Each row is one checkable requirement of the notice: the clause, the notice's
own words, how the pack encodes it and the test that holds it. Replace the
placeholder row with the real notice's requirements as you encode them.

## （文号待填）

| clause | the notice's words | encoded as | held by |
|---|---|---|---|
| 一（一） | 在本辖区内依法登记 | rule \`registered-in-${t.id}\` | \`test/cases.yaml\` › registered in ${t.name}; \`test/cases.yaml\` › registered outside ${t.name} (${t.elsewhere}) |
`;

const yamlList = (xs: string[] | undefined) => `[${(xs ?? []).join(', ')}]`;
function expectYaml(e: { outcome: string; review?: string[]; fail?: string[] }, extraFail: string[] = []): string {
  const fails = [...(e.fail ?? []), ...extraFail];
  const parts = [`outcome: ${fails.length > 0 ? 'ineligible' : e.outcome}`];
  if (fails.length > 0) parts.push(`fail: ${yamlList(fails)}`);
  if (e.review && e.review.length > 0) parts.push(`review: ${yamlList(e.review)}`);
  return `{ ${parts.join(', ')} }`;
}

export const casesYaml = (
  t: PackTemplateInput,
) => `# Test cases as data: a base profile, then cases that change it by dotted path
# (\`set\` / \`unset\`) and say exactly which rules fail or need review.
# Add a case just below, at and just above every threshold, and the day before,
# the day of and the day after every date.
base:\n${t.baseYaml.trimEnd().replace(/^/gm, '  ')}
cases:
  - name: registered in ${t.name}
    asOf: '${t.asOf ?? '2021-06-01'}'
    expect: ${expectYaml(t.baseExpect)}
    covers: [registered-in-${t.id}]
  - name: registered outside ${t.name} (${t.elsewhere})
    asOf: '${t.asOf ?? '2021-06-01'}'
    set: { organization.registeredIn: '${t.elsewhere}' }
    expect: ${expectYaml(t.baseExpect, [`registered-in-${t.id}`])}
`;

/** The README's sample; the same text is the region of docs/snippets/rulepack-<id>.ts, which the docs check runs. */
const sampleCode = (t: PackTemplateInput) => `import { evaluateRules } from '@certflow/core';
import pack, { exampleAsOf, exampleProfile } from '${packageName(t)}';

const decision = evaluateRules(pack, exampleProfile, { asOf: exampleAsOf });
console.log(decision.outcome, decision.findings.filter((f) => f.outcome === 'fail'));`;

export const snippetTs = (t: PackTemplateInput) => `// rulepacks/${t.id}/README.md
// #region evaluate
${sampleCode(t)}
// #endregion evaluate
`;

export const readme = (t: PackTemplateInput) =>
  standalone(t)
    ? `# ${packageName(t)}

The rule pack for ${t.name} (${t.code}). It extends \`${parentPackage(t)}\`
and overrides only what its notice changes. Replace \`source/notice.txt\` with
the notice's text, then encode it clause by clause (certflow's
\`docs/authoring-a-rule-pack.md\`).

\`\`\`sh
npm install
npm run snapshots   # src/digest.ts and snapshot.md, after every change under src/
npm test            # the meta-test and test/cases.yaml (describeRulePack)
\`\`\`

The certflow CLI finds the pack when it is installed beside it (its package
name is \`certflow-rulepack-<id>\`), so \`certflow replay\` and
\`certflow report\` re-check its decisions.

\`\`\`ts
${sampleCode(t)}
\`\`\`

| rule | clause |
|---|---|
| \`registered-in-${t.id}\` | 一（一） |
`
    : `# ${packageName(t)}

The rule pack for ${t.name} (${t.code}). It extends \`${parentPackage(t)}\`
and overrides only what its notice changes. Replace \`source/notice.txt\` with
the notice's text, then follow \`docs/authoring-a-rule-pack.md\`.

<!-- snippet: docs/snippets/rulepack-${t.id}.ts#evaluate -->
\`\`\`ts
${sampleCode(t)}
\`\`\`

| rule | clause |
|---|---|
| \`registered-in-${t.id}\` | 一（一） |
`;

/**
 * The texts of the pack's findings in each locale (src/locales/, outside the
 * sources its hash covers): one entry per message its rules write, keyed as
 * the rule writes it with \`{name}\` where a value goes. scripts/messages.spec.ts
 * fails on a finding of test/cases.yaml that has no text in either language.
 */
export const localesEnTs = (t: PackTemplateInput) => `import type { FindingTexts } from '@certflow/core';

/** The pack's findings in English. */
export const en: FindingTexts = {
  '登记地 {registeredIn} 不在${t.name}辖区内': 'registered in {registeredIn}, outside ${t.name}',
};
`;

export const localesZhTs = (t: PackTemplateInput) => `import type { FindingTexts } from '@certflow/core';

/** The pack's findings in Chinese (zh-CN), as its rules write them. */
export const zhCN: FindingTexts = {
  '登记地 {registeredIn} 不在${t.name}辖区内': '登记地 {registeredIn} 不在${t.name}辖区内',
};
`;

export const localesIndexTs = (t: PackTemplateInput) => `import type { FindingCatalogue } from '@certflow/core';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

/** The texts of the ${t.id} pack's findings in every locale; outside the sources the pack's hash covers. */
export const findings: FindingCatalogue = { id: '${t.id}', en, 'zh-CN': zhCN };

export default findings;
`;
