// Scaffolds a new rule pack: `pnpm create-pack <id> --code <GB/T 2260> [--name 中文名] [--extends <folder>]`.
// The skeleton passes the pack meta-test as generated; the author then
// replaces source/notice.txt with the notice and encodes it clause by clause
// (docs/authoring-a-rule-pack.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError, renderPackSnapshot, type RulePack, type ValidationIssue } from '@certflow/core';
import {
  DIVISION_CODE,
  PACK_ID,
  jurisdictionOf,
  packFiles,
  registeredHere,
  writePackFiles,
} from '../packages/cli/src/newPack/scaffold.js';
import * as t from '../packages/cli/src/newPack/templates.js';

/** What this script reads of a parent pack's `test/cases.yaml`. */
interface ParentCases {
  base: { organization: { uscc: string } & Record<string, unknown> } & Record<string, unknown>;
  cases: {
    set?: unknown;
    unset?: unknown;
    facts?: unknown;
    command?: unknown;
    expect: { outcome: string; review?: string[]; fail?: string[] };
  }[];
}

export interface CreatePackOptions {
  /** Folder name and pack id, kebab-case: a province (`hubei`) or `<province>-<city>` (`fujian-xiamen`). */
  id: string;
  /** GB/T 2260 code of the jurisdiction: '420000' a province, '350200' a city. */
  code: string;
  /** Chinese name of the jurisdiction (default: the id). */
  name?: string;
  /** The folder of the pack to extend (default `national`). */
  extends?: string;
  /** Where the new folder goes (default: the repository's rulepacks/). */
  into?: string;
}

const repoRoot = resolve(import.meta.dirname, '..');

/** Writes the skeleton files and returns the new folder; throws ValidationError naming the option, and writes nothing, on bad input. */
export async function createPack(
  options: CreatePackOptions,
): Promise<{ dir: string; files: string[]; snippet: string }> {
  const parent = options.extends ?? 'national';
  const into = options.into ?? join(repoRoot, 'rulepacks');
  const dir = join(into, options.id ?? '');
  const issues: ValidationIssue[] = [];
  if (!PACK_ID.test(options.id ?? ''))
    issues.push({ path: ['id'], code: 'invalid_format', message: 'a kebab-case id, e.g. fujian-xiamen' });
  else if (existsSync(dir)) issues.push({ path: ['id'], code: 'exists', message: `${dir} already exists` });
  if (!DIVISION_CODE.test(options.code ?? ''))
    issues.push({ path: ['code'], code: 'invalid_format', message: 'a 6-digit GB/T 2260 division code, e.g. 350200' });
  const parentDir = join(repoRoot, 'rulepacks', parent);
  if (!existsSync(join(parentDir, 'src', 'index.ts')))
    issues.push({ path: ['extends'], code: 'unknown_pack', message: `no pack rulepacks/${parent}` });
  if (issues.length > 0) throw new ValidationError(issues, 'create-pack');

  const code = options.code;
  const { level, prefix, elsewhere } = jurisdictionOf(code);

  // The sample profile: the parent's own test base, registered here.
  const yaml = createRequire(join(repoRoot, 'packages', 'core', 'package.json'))('yaml') as {
    parse(s: string): unknown;
    stringify(v: unknown): string;
  };
  const parentCases = yaml.parse(readFileSync(join(parentDir, 'test', 'cases.yaml'), 'utf8')) as ParentCases;
  const base = registeredHere(parentCases.base, code);
  const first = parentCases.cases.find((c) => !c.set && !c.unset && !c.facts && !c.command);
  if (!first)
    throw new ValidationError(
      [
        {
          path: ['extends'],
          code: 'no_base_case',
          message: `rulepacks/${parent}/test/cases.yaml has no case on its unchanged base`,
        },
      ],
      'create-pack',
    );

  // A parent's own registration rule would fail every profile registered here: the new one replaces it.
  const parentPack = (await import(pathToFileURL(join(parentDir, 'src', 'index.ts')).href)).default as RulePack;
  const replaces = parentPack.rules.find((r) => r.id.startsWith('registered-in-'))?.id;

  const input: t.PackTemplateInput = {
    ...(replaces ? { replaces } : {}),
    baseYaml: yaml.stringify(base),
    id: options.id,
    name: options.name ?? options.id,
    code,
    level,
    parent,
    parentExport: t.camel(parent),
    uscc: base.organization.uscc,
    base,
    baseExpect: first.expect,
    elsewhere,
    prefix,
  };
  const files = writePackFiles(dir, packFiles(input));
  // The README's sample is quoted from a snippet file the docs check runs (docs/snippets beside rulepacks/).
  const snippet = join(into, '..', 'docs', 'snippets', `rulepack-${options.id}.ts`);
  mkdirSync(dirname(snippet), { recursive: true });
  writeFileSync(snippet, t.snippetTs(input));
  return { dir, files, snippet };
}

/** Writes the pack's snapshot.md from its definition (what `pnpm snapshots <id>` does; src/digest.ts is written with the files). */
export async function writeSnapshot(dir: string): Promise<RulePack> {
  const pack = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)).default as RulePack;
  writeFileSync(join(dir, 'snapshot.md'), renderPackSnapshot(pack));
  return pack;
}

function parseArgs(argv: string[]): CreatePackOptions {
  const [id, ...rest] = argv;
  const opts: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) opts[rest[i]!.replace(/^--/, '')] = rest[i + 1] ?? '';
  return {
    id: id ?? '',
    code: opts.code ?? '',
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.extends ? { extends: opts.extends } : {}),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { dir, files, snippet } = await createPack(parseArgs(process.argv.slice(2)));
    await writeSnapshot(dir);
    const rel = relative(process.cwd(), dir);
    console.log(
      `created ${rel}\n  ${[...files, 'snapshot.md'].join('\n  ')}\nand ${relative(process.cwd(), snippet)} (the README's sample)\nnext: pnpm install, then npx vitest run ${rel}`,
    );
  } catch (err) {
    if (err instanceof ValidationError) {
      console.error(
        `create-pack: ${err.message}\nusage: pnpm create-pack <id> --code <6-digit code> [--name 中文名] [--extends <pack folder>]`,
      );
      process.exit(1);
    }
    throw err;
  }
}
