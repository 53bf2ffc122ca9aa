import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applicationMachine, toMermaid } from '@certflow/core';
import { renderMachinesDoc } from './machinesDoc.js';

describe('docs/machines.md', () => {
  it('matches the diagrams generated from the machines (regenerate with `pnpm machines`)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../../../docs/machines.md', import.meta.url)), 'utf8');
    expect(committed, 'docs/machines.md drifted: run `pnpm machines`').toBe(renderMachinesDoc());
  });

  it('draws nested states, guards and final states', () => {
    const d = toMermaid(applicationMachine);
    expect(d).toContain('[*] --> draft');
    expect(d).toContain('evaluation --> publicity: PublicityStarted [allCriteriaPassed]');
    expect(d).toMatch(/state filed \{\n\s+\[\*\] --> active\n/);
    expect(d).toContain('active --> suspended: FilingSuspended');
    expect(d).toContain('revoked --> [*]');
  });
});
