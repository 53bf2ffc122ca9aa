import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(resolve(root, p), 'utf8');

describe('docs/embedding.md', () => {
  it('quotes examples/http-service/src/server.ts exactly', () => {
    const quoted = /<!-- server\.ts -->\n```ts\n([\s\S]*?)\n```/.exec(read('docs/embedding.md'))?.[1];
    expect(quoted).toBeDefined();
    expect(quoted).toBe(read('examples/http-service/src/server.ts').trimEnd());
  });
});
