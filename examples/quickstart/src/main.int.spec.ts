import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StoredEvent } from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { stories } from './stories/index.js';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'certflow-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm demo (examples/quickstart/src/main.ts in a child process, as the root script runs it)', () => {
  it('prints every region, the refusals with their clauses, masked ID numbers, and ends verified', async () => {
    const file = join(dir, 'demo.sqlite');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/quickstart/src/main.ts', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    for (const region of ['山东', '福州', '上海', '四川', '全国（部门行业试点）', ...stories.map((s) => s.region)])
      expect(out).toContain(`━━ ${region} ·`);
    expect(out).toContain('REFUSED (RULE_VIOLATION)');
    expect(out).toContain('鲁人社字〔2020〕50号 四（一）「');
    expect(out).toMatch(/certificate S000037\d{15} → /);
    expect(out).not.toMatch(/(?<![\dA-Z])\d{17}[\dX](?!\d)/); // no 身份证号 in clear (certificate numbers start with S or Y)
    expect(out).toContain(`certflow verify ${file}`);
    // The excerpt docs/getting-started.md shows is what the demo prints (elisions and timings aside).
    const doc = readFileSync(join(root, 'docs/getting-started.md'), 'utf8');
    const excerpt = /An excerpt of what it prints:\n\n```text\n([\s\S]*?)\n```/.exec(doc)![1]!.split('\n');
    expect(excerpt.length).toBeGreaterThan(20);
    const printed = new Set(out.replaceAll(file, '.certflow/demo.sqlite').split('\n'));
    for (const line of excerpt.filter((l) => l.trim() !== '…' && !/\(\d+ ms\)$/.test(l)))
      expect(printed, line).toContain(line);
    const last = out.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^verified: \d+ events read back, every hash and chain intact \(\d+ ms\)$/);
    // The demo writes event format 2: personal values as tokens, the values in the vault table only.
    const store = sqliteStore({ file, readOnly: true, personal: true });
    const events: StoredEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    expect(events.filter((e) => e.meta.format === 2).length).toBeGreaterThan(10);
    expect(JSON.stringify(events)).not.toMatch(/(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])/);
    expect((await store.vault!.rows()).length).toBeGreaterThan(10);
    await store.close();
  });
});
