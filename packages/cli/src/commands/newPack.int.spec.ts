import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { tempDir } from '../testFixtures.js';
import { findCheckout } from './newPack.js';

const root = resolve(import.meta.dirname, '../../../..');

describe('certflow new-pack', () => {
  it('finds the checkout from any folder inside it, and none outside', () => {
    expect(findCheckout(join(root, 'packages/cli/src'))).toBe(root);
    expect(findCheckout(tempDir())).toBeUndefined();
  });

  it('without --code is a usage error', async () => {
    const noCode = bufferIo({ cwd: root });
    expect(await runCli(['new-pack', 'hubei'], noCode)).toBe(2);
    expect(noCode.err()).toContain('missing --code');
  });

  it('delegates to scripts/create-pack.ts: its refusal of a bad id and code comes back as a usage error, and nothing is written', async () => {
    const io = bufferIo({ cwd: join(root, 'packages') });
    expect(await runCli(['new-pack', 'Bad_Id', '--code', '42'], io)).toBe(2);
    expect(io.err()).toContain('create-pack: invalid input');
    expect(io.err()).toContain('a kebab-case id');
    expect(io.err()).toContain('a 6-digit GB/T 2260 division code');
    expect(existsSync(join(root, 'rulepacks', 'Bad_Id'))).toBe(false);
  }, 60_000);
});
