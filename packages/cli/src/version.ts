import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale, RulePack } from '@certflow/core';
import { t } from './locales/index.js';
import { loadKnownPacks } from './replay/packs.js';

// The file this code runs from: dist/index.cjs has __filename, the ESM builds and the sources import.meta.url.
const here = (): string => (typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));

/** The `version` of a package.json, or `unknown` when it cannot be read. */
function versionIn(path: string): string {
  try {
    return String((JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** The CLI's version: its package.json, one folder above `src/` and `dist/` alike. */
export const cliVersion = (): string => versionIn(join(dirname(here()), '..', 'package.json'));

/** The version of the @certflow/core the CLI runs with. */
export function coreVersion(): string {
  try {
    return versionIn(createRequire(here()).resolve('@certflow/core/package.json'));
  } catch {
    return 'unknown';
  }
}

/** What `certflow --version` prints: the CLI, core, and every pack it knows (shipped ones and `packs` given). */
export async function versionLines(locale: Locale, extra: readonly RulePack[] = []): Promise<string[]> {
  const packs = [...(await loadKnownPacks().catch(() => [] as RulePack[])), ...extra];
  const seen = new Set<string>();
  const packLines = packs
    .filter((p) => !seen.has(`${p.id}@${p.version}`) && seen.add(`${p.id}@${p.version}`))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => t(locale, 'version.pack', { id: p.id, version: p.version }));
  return [
    t(locale, 'version.cli', { version: cliVersion() }),
    t(locale, 'version.core', { version: coreVersion() }),
    ...packLines,
  ];
}
