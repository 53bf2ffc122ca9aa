import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { RulePack } from '@certflow/core';
import { UsageError } from '../errors.js';

/**
 * The packs certflow ships, by id, and the package each lives in. The CLI
 * imports them when replay needs them; nothing registers itself by import.
 */
export const KNOWN_PACKS: Readonly<Record<string, string>> = {
  national: '@certflow/rulepack-national',
  shandong: '@certflow/rulepack-shandong',
  'fujian-fuzhou': '@certflow/rulepack-fujian-fuzhou',
  shanghai: '@certflow/rulepack-shanghai',
  'sichuan-technical-schools': '@certflow/rulepack-sichuan-technical-schools',
  'national-industry-pilot': '@certflow/rulepack-national-industry-pilot',
};

const isPack = (v: unknown): v is RulePack =>
  !!v && typeof v === 'object' && typeof (v as RulePack).id === 'string' && typeof (v as RulePack).version === 'string' && typeof (v as RulePack).hash === 'string' && Array.isArray((v as RulePack).rules);

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

/** Imports the packages of the known packs that are installed; a missing one is simply not available. */
export async function loadKnownPacks(ids: Iterable<string> = Object.keys(KNOWN_PACKS)): Promise<RulePack[]> {
  const out: RulePack[] = [];
  for (const id of ids) {
    const name = KNOWN_PACKS[id];
    if (!name) continue;
    try {
      out.push(...packsOf((await import(name)) as Record<string, unknown>));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND' && !/Cannot find (module|package)|Failed to load url/i.test(String((e as Error).message))) throw e;
    }
  }
  return out;
}

/** Loads the packs a `--packs <module>` file exports (e.g. an older or a draft version of a pack). */
export async function loadPackModule(file: string, cwd: string): Promise<RulePack[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(cwd, file)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError({ key: 'usage.packsUnloadable', values: { file, detail: (e as Error).message.split('\n')[0] } }, 'replay');
  }
  const packs = packsOf(mod);
  if (packs.length === 0) throw new UsageError({ key: 'usage.packsEmpty', values: { file } }, 'replay');
  return packs;
}
