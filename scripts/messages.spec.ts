// Every message of certflow exists in every locale: the error and issue
// catalogues of core, the calendar, both stores and the CLI (and the CLI's
// texts), and the findings of every rule pack — each pack's `src/locales/`
// holds a text in both languages for every message its rules write, checked
// here on every case of its test/cases.yaml.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { calendarLocales } from '@certflow/calendar';
import {
  catalogueProblems,
  coreCatalogue,
  coreFindings,
  coreLocales,
  evaluateRules,
  findingCatalogueProblems,
  findingTranslator,
  type FindingCatalogue,
  type RulePack,
} from '@certflow/core';
import { caseFacts, loadRuleCases } from '@certflow/core/testing';
import { describe, expect, it } from 'vitest';
import { cliCatalogue, cliTexts } from '../packages/cli/src/locales/index.js';
import { postgresCatalogue } from '../packages/store-postgres/src/locales/index.js';
import { sqliteCatalogue } from '../packages/store-sqlite/src/locales/index.js';

const root = resolve(import.meta.dirname, '..', 'rulepacks');
const packs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'src', 'index.ts')))
  .map((d) => d.name);

const load = async <T>(file: string) => (await import(pathToFileURL(file).href)) as T;

describe('every message key exists in both languages', () => {
  it('core, calendar, store-sqlite, store-postgres and the CLI: every error code, issue code and text', () => {
    const catalogues = {
      'core errors': coreCatalogue,
      'core issues': { en: coreLocales.en.issues, 'zh-CN': coreLocales['zh-CN'].issues },
      'calendar errors': { en: calendarLocales.en.errors, 'zh-CN': calendarLocales['zh-CN'].errors },
      'calendar issues': { en: calendarLocales.en.issues, 'zh-CN': calendarLocales['zh-CN'].issues },
      'store-sqlite': sqliteCatalogue,
      'store-postgres': postgresCatalogue,
      'cli errors': cliCatalogue,
      'cli texts': cliTexts,
    };
    for (const [name, catalogue] of Object.entries(catalogues)) expect(catalogueProblems(catalogue), name).toEqual([]);
    expect(findingCatalogueProblems(coreFindings)).toEqual([]);
  });

  it('every pack has src/locales with the same keys and placeholders in en and zh-CN', async () => {
    for (const id of packs) {
      const file = join(root, id, 'src', 'locales', 'index.ts');
      expect(existsSync(file), `rulepacks/${id}/src/locales/index.ts`).toBe(true);
      const { findings } = await load<{ findings: FindingCatalogue }>(file);
      expect(findings.id).toBe(id);
      expect(findingCatalogueProblems(findings), id).toEqual([]);
    }
  });

  it("every finding message a pack's cases produce has a text in both languages", async () => {
    const all: FindingCatalogue[] = [];
    for (const id of packs)
      all.push((await load<{ findings: FindingCatalogue }>(join(root, id, 'src', 'locales', 'index.ts'))).findings);
    const translate = findingTranslator(all);
    const untranslated: string[] = [];
    for (const id of packs) {
      const pack = (await load<{ default: RulePack }>(join(root, id, 'src', 'index.ts'))).default;
      const file = loadRuleCases(join(root, id));
      for (const c of file.cases) {
        const decision = evaluateRules(pack, caseFacts(file, c), {
          asOf: c.asOf,
          ...(c.command ? { command: c.command } : {}),
        });
        for (const f of decision.findings) {
          if (f.message === undefined) continue;
          for (const locale of ['en', 'zh-CN'] as const) {
            if (translate(f.message, locale) === undefined)
              untranslated.push(`${id} ${c.name} ${f.ruleId} [${locale}]: ${f.message}`);
          }
        }
      }
    }
    expect([...new Set(untranslated)]).toEqual([]);
  }, 120_000);
});
