import { findingTranslator, type FindingCatalogue, type FindingTranslator } from '@certflow/core';
import { KNOWN_PACKS } from '../replay/packs.js';

/**
 * The texts of the findings of every known pack that is installed
 * (`@certflow/rulepack-<id>/locales`); a missing pack has none.
 */
export async function loadFindingTexts(ids: Iterable<string> = Object.keys(KNOWN_PACKS)): Promise<FindingCatalogue[]> {
  const out: FindingCatalogue[] = [];
  for (const id of ids) {
    const name = KNOWN_PACKS[id];
    if (!name) continue;
    try {
      const mod = (await import(`${name}/locales`)) as { findings?: FindingCatalogue };
      if (mod.findings) out.push(mod.findings);
    } catch {
      // Not installed, or a release without translations: its findings print as the rules wrote them.
    }
  }
  return out;
}

/** A translator of findings over core's texts and every installed pack's: what the CLI and its report word findings with. */
export async function cliFindingTranslator(): Promise<FindingTranslator> {
  return findingTranslator(await loadFindingTexts());
}
