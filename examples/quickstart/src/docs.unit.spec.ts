import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(resolve(root, p), 'utf8');

describe('docs/getting-started.md', () => {
  it('quotes examples/quickstart/src/embed.ts exactly, so the embedding example it shows is the one the tests run', () => {
    const doc = read('docs/getting-started.md');
    const quoted = /<!-- embed\.ts -->\n```ts\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(quoted).toBeDefined();
    expect(quoted).toBe(read('examples/quickstart/src/embed.ts').trimEnd());
  });

  it('keeps the two set-up commands of the README', () => {
    const doc = read('docs/getting-started.md');
    const readme = read('README.md');
    for (const command of ['npm i -g pnpm@10 && pnpm install && pnpm demo', 'pnpm test']) {
      expect(doc).toContain(command);
      expect(readme).toContain(command);
    }
  });
});
