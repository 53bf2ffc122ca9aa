// Every rule pack exports an example applicant (`exampleProfile`, screened on
// `exampleAsOf`), so docs and first experiments need no profile of their own.
// The example is valid input and screens as the pack's own unchanged-base
// case in test/cases.yaml expects, and its doc comment says that outcome.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applicantProfileSchema, evaluateRules, type ApplicantProfile, type RulePack } from '@certflow/core';
import { loadRuleCases } from '@certflow/core/fixtures';

const root = join(import.meta.dirname, '..', 'rulepacks');
const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'package.json')))
  .map((d) => d.name);

describe('example profiles of the rule packs', () => {
  it('finds the packs', () => {
    expect(folders.length).toBeGreaterThanOrEqual(6);
  });

  for (const folder of folders) {
    it(`${folder}: exampleProfile is valid and screens as its base case expects on exampleAsOf`, async () => {
      const dir = join(root, folder);
      const mod = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as {
        default: RulePack;
        exampleProfile?: ApplicantProfile;
        exampleAsOf?: string;
      };
      expect(mod.exampleProfile, `${folder} exports no exampleProfile (src/example.ts)`).toBeDefined();
      expect(mod.exampleAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const parsed = applicantProfileSchema.safeParse(mod.exampleProfile);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);

      const baseCase = loadRuleCases(dir).cases.find(
        (c) => !c.set && !c.unset && !c.facts && !c.command && c.asOf === mod.exampleAsOf,
      );
      expect(baseCase, `test/cases.yaml has no unchanged-base case on ${mod.exampleAsOf}`).toBeDefined();
      const decision = evaluateRules(mod.default, mod.exampleProfile, { asOf: mod.exampleAsOf! });
      expect(decision.outcome).toBe(baseCase!.expect.outcome);
      expect(readFileSync(join(dir, 'src', 'example.ts'), 'utf8')).toContain(`\`${decision.outcome}\``);
    });
  }
});
