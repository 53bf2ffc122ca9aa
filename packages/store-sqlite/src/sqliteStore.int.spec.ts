import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeEventStoreConformance } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-conformance-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreConformance('sqliteStore (file)', () => sqliteStore({ file: join(dir, `store-${++n}.db`) }), {
  personal: () => sqliteStore({ file: join(dir, `store-${++n}.db`), personal: true }),
});
describeEventStoreConformance('sqliteStore (:memory:)', () => sqliteStore({ file: ':memory:' }), {
  personal: () => sqliteStore({ file: ':memory:', personal: true }),
});
