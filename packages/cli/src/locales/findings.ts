import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findingTranslator, type FindingCatalogue, type FindingTranslator } from '@certflow/core';
import { discoverPacks } from '../replay/packs.js';

/**
 * The texts of the findings of every rule pack the CLI finds (as replay finds
 * packs: beside the CLI, in the working folder, in a certflow checkout), read
 * from the pack's `./locales` entry (`@certflow/rulepack-<id>/locales`); a pack
 * without one has none, and its findings print as its rules wrote them.
 * `ids` narrows the packs by id.
 */
export async function loadFindingTexts(
  ids?: Iterable<string>,
  options: { cwd?: string } = {},
): Promise<FindingCatalogue[]> {
  const wanted = ids ? new Set(ids) : undefined;
  const out: FindingCatalogue[] = [];
  for (const p of discoverPacks(options.cwd ? { cwd: options.cwd } : {})) {
    if (wanted && !wanted.has(p.id)) continue;
    const attempts = [`${p.name}/locales`];
    for (const f of ['dist/locales/index.js', ...(p.from === 'checkout' ? ['src/locales/index.ts'] : [])]) {
      if (existsSync(join(p.dir, f))) attempts.push(pathToFileURL(join(p.dir, f)).href);
    }
    for (const a of attempts) {
      try {
        const mod = (await import(a)) as { findings?: FindingCatalogue };
        if (mod.findings) out.push(mod.findings);
        break;
      } catch {
        // Not resolvable this way (or a release without translations): try the next, else none.
      }
    }
  }
  return out;
}

/** A translator of findings over core's texts and every installed pack's: what the CLI and its report word findings with. */
export async function cliFindingTranslator(): Promise<FindingTranslator> {
  return findingTranslator(await loadFindingTexts());
}
