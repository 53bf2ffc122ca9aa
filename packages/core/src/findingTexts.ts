import type { FindingTranslator } from './errors.js';
import { coreLocales } from './locales/index.js';
import type { FindingTexts } from './locales/types.js';
import { LOCALES, type Locale } from './messages.js';

/**
 * The texts of a package's findings in every locale: for each finding
 * message as its source writes it (with `{name}` where a value goes), the
 * text in each locale with the same placeholders. A rule pack exports one
 * from `@certflow/rulepack-<id>/locales`, outside the sources its hash
 * covers: a translation changes no decision.
 */
export interface FindingCatalogue {
  /** The pack (or package) whose findings these are, e.g. `shanghai`. */
  readonly id: string;
  readonly en: FindingTexts;
  readonly 'zh-CN': FindingTexts;
}

/** Core's own findings (deadlines, quotas, rules in force): part of every translator. */
export const coreFindings: FindingCatalogue = {
  id: 'core',
  en: coreLocales.en.findings,
  'zh-CN': coreLocales['zh-CN'].findings,
};

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The placeholders of a template, sorted: `'{a} of {b}'` → `['a', 'b']`. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
}

interface Compiled {
  key: string;
  re: RegExp;
  names: string[];
}

// biome-ignore lint/suspicious/noShadowRestrictedNames: a local helper; the global escape() is never used here
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(key: string): Compiled {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of key.matchAll(PLACEHOLDER)) {
    source += escape(key.slice(last, m.index));
    source += '([\\s\\S]*?)';
    names.push(m[1]!);
    last = m.index! + m[0].length;
  }
  source += escape(key.slice(last));
  return { key, re: new RegExp(`^${source}$`), names };
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(PLACEHOLDER, (all, name: string) => values[name] ?? all);

/**
 * A translator of finding messages over catalogues (core's own first): a
 * message equal to a key, or matching it with values in its placeholders,
 * is given as that key's text in the locale, the values filled in. An
 * unknown message gives `undefined` (the caller shows it as written).
 */
export function findingTranslator(catalogues: readonly FindingCatalogue[] = []): FindingTranslator {
  const all = [coreFindings, ...catalogues];
  const exact = new Map<string, FindingCatalogue>();
  const patterns: { c: Compiled; from: FindingCatalogue }[] = [];
  for (const cat of all) {
    for (const key of Object.keys(cat.en)) {
      if (templatePlaceholders(key).length === 0) {
        if (!exact.has(key)) exact.set(key, cat);
      } else patterns.push({ c: compile(key), from: cat });
    }
  }
  // Longer templates first: the more literal text a template has, the more specific it is.
  patterns.sort((a, b) => b.c.key.replace(PLACEHOLDER, '').length - a.c.key.replace(PLACEHOLDER, '').length);
  return (message, locale) => {
    const hit = exact.get(message);
    if (hit) return hit[locale][message];
    for (const { c, from } of patterns) {
      const m = c.re.exec(message);
      if (!m) continue;
      const values = Object.fromEntries(c.names.map((n, i) => [n, m[i + 1] ?? '']));
      const text = from[locale][c.key];
      return text === undefined ? undefined : fill(text, values);
    }
    return undefined;
  };
}

/** A difference between the locales of a finding catalogue: a key missing in a locale, or other placeholders. */
export function findingCatalogueProblems(cat: FindingCatalogue): string[] {
  const problems: string[] = [];
  const keys = new Set(LOCALES.flatMap((l: Locale) => Object.keys(cat[l])));
  for (const key of [...keys].sort()) {
    const want = templatePlaceholders(key).join(', ');
    for (const l of LOCALES) {
      const text = cat[l][key];
      if (text === undefined) problems.push(`${cat.id}: "${key}" has no ${l} text`);
      else if (templatePlaceholders(text).join(', ') !== want)
        problems.push(`${cat.id}: "${key}" in ${l} has {${templatePlaceholders(text).join(', ')}}, the key {${want}}`);
    }
  }
  return problems;
}
