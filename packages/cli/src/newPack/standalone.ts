// `certflow new-pack` outside a certflow checkout: a pack project of its own,
// built from the installed packages (the parent pack's example profile, core's
// version for the peer range), with the same templates as `pnpm create-pack`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { evaluateRules, type ApplicantProfile, type RulePack } from '@certflow/core';
import { UsageError } from '../errors.js';
import { discoverPacks, importPack, packIdOfName } from '../replay/packs.js';
import { DIVISION_CODE, PACK_ID, jurisdictionOf, packFiles, registeredHere, writePackFiles } from './scaffold.js';
import { camel, type PackTemplateInput } from './templates.js';

/** Options of {@link createStandalonePack}, as `certflow new-pack` takes them. */
export interface StandalonePackOptions {
  /** The pack id and project folder name, kebab-case: a province (`hubei`) or `<province>-<city>` (`fujian-xiamen`). */
  id: string;
  /** GB/T 2260 code of the jurisdiction: `420000` a province, `350200` a city. */
  code: string;
  /** Chinese name of the jurisdiction (default: the id). */
  name?: string;
  /** The pack to extend: an installed pack's id (`national`, `fujian-fuzhou`) or package name. Default `national`. */
  extends?: string;
  /** The folder the project folder `<id>` is made in. */
  cwd: string;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version?: string };

/** Writes `<cwd>/<id>`, a standalone pack project; refuses bad options (UsageError) before writing anything. */
export async function createStandalonePack(options: StandalonePackOptions): Promise<{ dir: string; files: string[] }> {
  const problems: string[] = [];
  if (!PACK_ID.test(options.id)) problems.push(`<id> must be kebab-case, e.g. fujian-xiamen (got ${options.id})`);
  if (!DIVISION_CODE.test(options.code))
    problems.push(`--code must be a 6-digit GB/T 2260 division code, e.g. 350200 (got ${options.code})`);
  const dir = join(options.cwd, options.id);
  if (PACK_ID.test(options.id) && existsSync(dir)) problems.push(`${dir} already exists`);
  const wanted = options.extends ?? 'national';
  const parentFound = discoverPacks({ cwd: options.cwd }).find((p) => p.id === wanted || p.name === wanted);
  if (!parentFound) problems.push(`--extends ${wanted}: no such rule pack is installed (here or beside the CLI)`);
  if (problems.length > 0 || !parentFound) throw new UsageError(problems.join('; '), 'new-pack');

  const mod = await importPack(parentFound);
  const parentPack = mod?.default as RulePack | undefined;
  const example = mod?.exampleProfile as ApplicantProfile | undefined;
  const asOf = mod?.exampleAsOf as string | undefined;
  // The index imports the parent by a named export (CJS interop): its id in camel case, or whichever names the pack.
  const parentExport =
    mod && mod[camel(packIdOfName(parentFound.name) ?? wanted)] === parentPack
      ? camel(packIdOfName(parentFound.name) ?? wanted)
      : Object.keys(mod ?? {}).find((k) => k !== 'default' && mod![k] === parentPack);
  if (!parentPack || !example || typeof asOf !== 'string' || !parentExport) {
    throw new UsageError(
      `--extends ${wanted}: ${parentFound.name} does not export its pack (default and named), exampleProfile and exampleAsOf`,
      'new-pack',
    );
  }

  const coreRequire = createRequire(createRequire(import.meta.url).resolve('@certflow/core/package.json'));
  const yaml = coreRequire('yaml') as { stringify(v: unknown): string };
  const coreVersion = (coreRequire('./package.json') as { version: string }).version;
  const base = registeredHere(example as unknown as { organization: Record<string, unknown> }, options.code);
  // What the parent decides on its own example: the new pack screens its copy the same way (its registration rule replaces the parent's).
  const replaces = parentPack.rules.find((r) => r.id.startsWith('registered-in-'))?.id;
  const decision = evaluateRules(parentPack, example, { asOf });
  const ids = (outcome: string) =>
    decision.findings.filter((f) => f.outcome === outcome && f.ruleId !== replaces).map((f) => f.ruleId);
  const { level, prefix, elsewhere } = jurisdictionOf(options.code);
  const input: PackTemplateInput = {
    mode: 'standalone',
    ...(replaces ? { replaces } : {}),
    id: options.id,
    name: options.name ?? options.id,
    code: options.code,
    level,
    parent: packIdOfName(parentFound.name) ?? wanted,
    parentPackage: parentFound.name,
    parentExport,
    uscc: String(base.organization.uscc),
    base,
    baseYaml: yaml.stringify(base),
    baseExpect: {
      outcome: decision.outcome,
      ...(ids('review').length ? { review: ids('review') } : {}),
      ...(ids('fail').length ? { fail: ids('fail') } : {}),
    },
    elsewhere,
    prefix,
    asOf,
    versions: { core: coreVersion, parent: readJson(join(parentFound.dir, 'package.json')).version ?? '0.1.0' },
  };
  return { dir, files: writePackFiles(dir, packFiles(input)) };
}
