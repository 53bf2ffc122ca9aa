import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RulePack } from '@certflow/core';
import { UsageError } from '../errors.js';

/** A rule pack package found beside the CLI or in a certflow checkout. */
export interface DiscoveredPack {
  /** The pack id its package name promises (`@certflow/rulepack-<id>` → `<id>`). */
  id: string;
  /** The package name, e.g. `@certflow/rulepack-shandong`. */
  name: string;
  /** The package's folder. */
  dir: string;
  /** Where it was found: a `node_modules` folder, or the `rulepacks/` folder of a certflow checkout. */
  from: 'node_modules' | 'checkout';
}

/**
 * Which package names are rule packs: `@certflow/rulepack-<id>` (the packs
 * certflow ships and those `certflow new-pack` scaffolds), and for packs
 * published elsewhere `certflow-rulepack-<id>` or `@<scope>/certflow-rulepack-<id>`.
 * Returns the id, or undefined for any other name.
 */
export function packIdOfName(name: string): string | undefined {
  return /^(?:@certflow\/rulepack-|(?:@[a-z0-9][\w.-]*\/)?certflow-rulepack-)([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(
    name,
  )?.[1];
}

const readJson = (file: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/** The folder of this module (the CLI's dist, or its src under a TypeScript loader); undefined in a CJS build. */
function ownDir(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let cur = resolve(dir); ; ) {
    out.push(cur);
    const up = dirname(cur);
    if (up === cur) return out;
    cur = up;
  }
}

/** The certflow checkout holding `dir`: the nearest ancestor with `rulepacks/`, `scripts/create-pack.ts` and a pnpm workspace. */
export function findCheckout(dir: string): string | undefined {
  return ancestors(dir).find(
    (d) =>
      existsSync(join(d, 'scripts', 'create-pack.ts')) &&
      existsSync(join(d, 'pnpm-workspace.yaml')) &&
      existsSync(join(d, 'rulepacks')),
  );
}

const subdirs = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
};

/**
 * Finds the rule packs the CLI can use, without a list kept by hand:
 * - in a certflow checkout (the one holding `cwd`, or the CLI itself), every
 *   `rulepacks/<folder>` whose package.json names a pack;
 * - in every `node_modules` folder above the CLI and above `cwd`, every package
 *   whose name is a pack's ({@link packIdOfName}): `@certflow/rulepack-*`,
 *   `certflow-rulepack-*`, `@<scope>/certflow-rulepack-*`.
 * The first package found under a name wins (checkout, then the nearest
 * node_modules); the list is sorted by id.
 */
export function discoverPacks(options: { cwd?: string; cliDir?: string } = {}): DiscoveredPack[] {
  const found = new Map<string, DiscoveredPack>();
  const add = (dir: string, from: DiscoveredPack['from']) => {
    const name = readJson(join(dir, 'package.json'))?.name;
    if (typeof name !== 'string' || found.has(name)) return;
    const id = packIdOfName(name);
    if (id) found.set(name, { id, name, dir, from });
  };
  const cwd = options.cwd ?? process.cwd();
  const cliDir = options.cliDir ?? ownDir();
  const starts = [cwd, ...(cliDir ? [cliDir] : [])];
  for (const checkout of new Set(starts.map(findCheckout).filter((c): c is string => !!c))) {
    for (const f of subdirs(join(checkout, 'rulepacks'))) add(join(checkout, 'rulepacks', f), 'checkout');
  }
  for (const nm of new Set(starts.flatMap(ancestors).map((d) => join(d, 'node_modules')))) {
    if (!existsSync(nm)) continue;
    for (const entry of subdirs(nm)) {
      if (entry.startsWith('@')) {
        for (const pkg of subdirs(join(nm, entry)))
          if (packIdOfName(`${entry}/${pkg}`)) add(join(nm, entry, pkg), 'node_modules');
      } else if (packIdOfName(entry)) add(join(nm, entry), 'node_modules');
    }
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.name < b.name ? -1 : 1));
}

/** The ESM entry a package.json names (exports["."].import, then module, then main). */
function entryOf(dir: string): string | undefined {
  const pkg = readJson(join(dir, 'package.json')) ?? {};
  const dot = (pkg.exports as Record<string, unknown> | undefined)?.['.'] ?? pkg.exports;
  const pick = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (!v || typeof v !== 'object') return undefined;
    const o = v as Record<string, unknown>;
    return pick(o.import) ?? pick(o.default) ?? pick(o.require);
  };
  for (const rel of [pick(dot), pkg.module, pkg.main])
    if (typeof rel === 'string' && existsSync(join(dir, rel))) return join(dir, rel);
  return undefined;
}

const notFound = (e: unknown) => {
  const code = (e as { code?: string }).code;
  return (
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    code === 'ERR_UNKNOWN_FILE_EXTENSION' ||
    /Cannot find (module|package)|Failed to load url|Unknown file extension/i.test(String((e as Error).message))
  );
};

/**
 * Imports a discovered pack package: by name where the CLI resolves it, else
 * from its folder — its built entry, or in a checkout its `src/index.ts` when
 * the CLI runs under a TypeScript loader (tsx, vitest). Undefined when
 * neither loads (e.g. a checkout pack not built yet under plain node).
 */
export async function importPack(p: DiscoveredPack): Promise<Record<string, unknown> | undefined> {
  const attempts = [p.name];
  const entry = entryOf(p.dir);
  if (entry) attempts.push(pathToFileURL(entry).href);
  if (p.from === 'checkout' && existsSync(join(p.dir, 'src', 'index.ts')))
    attempts.push(pathToFileURL(join(p.dir, 'src', 'index.ts')).href);
  for (const a of attempts) {
    try {
      return (await import(a)) as Record<string, unknown>;
    } catch (e) {
      if (!notFound(e)) throw e;
    }
  }
  return undefined;
}

const isPack = (v: unknown): v is RulePack =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as RulePack).id === 'string' &&
  typeof (v as RulePack).version === 'string' &&
  typeof (v as RulePack).hash === 'string' &&
  Array.isArray((v as RulePack).rules);

/** Every RulePack a module exports (default, named, or in exported arrays). */
export function packsOf(mod: Record<string, unknown>): RulePack[] {
  const out: RulePack[] = [];
  for (const v of Object.values(mod)) {
    for (const x of Array.isArray(v) ? v : [v]) if (isPack(x) && !out.includes(x)) out.push(x);
  }
  return out;
}

/** The packs replay may use: passed in, loaded from the known packages, or from `--packs` modules. */
export interface PackSet {
  find(id: string, version: string): RulePack | undefined;
  versions(id: string): string[];
  all(): RulePack[];
}

export function packSet(packs: RulePack[]): PackSet {
  const list = [...packs];
  // A pack's parents are packs too (a decision may be recorded under the base),
  // and so are the released versions it keeps (and their parents).
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    for (const q of [p.parent, ...(p.releases ?? [])]) {
      if (q && isPack(q) && !list.some((x) => x.id === q.id && x.version === q.version)) list.push(q);
    }
  }
  return {
    find: (id, version) => list.find((p) => p.id === id && p.version === version),
    versions: (id) => list.filter((p) => p.id === id).map((p) => p.version),
    all: () => [...list],
  };
}

/**
 * Imports the packs {@link discoverPacks} finds (only those with the given ids
 * when `ids` is passed); a package that cannot be loaded is simply not available.
 */
export async function loadKnownPacks(
  ids?: Iterable<string>,
  options: { cwd?: string; cliDir?: string } = {},
): Promise<RulePack[]> {
  const wanted = ids ? new Set(ids) : undefined;
  const out: RulePack[] = [];
  for (const p of discoverPacks(options)) {
    if (wanted && !wanted.has(p.id)) continue;
    const mod = await importPack(p);
    if (mod) for (const pack of packsOf(mod)) if (!out.includes(pack)) out.push(pack);
  }
  return out;
}

/** Loads the packs a `--packs <module>` file exports (e.g. an older or a draft version of a pack). */
export async function loadPackModule(file: string, cwd: string): Promise<RulePack[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(cwd, file)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(
      { key: 'usage.packsUnloadable', values: { file, detail: (e as Error).message.split('\n')[0] } },
      'replay',
    );
  }
  const packs = packsOf(mod);
  if (packs.length === 0) throw new UsageError({ key: 'usage.packsEmpty', values: { file } }, 'replay');
  return packs;
}
