import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { commitPersonalValue, verifyLog, type StoredEvent } from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-vault-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const value = '11010519491231002X';

describe('sqliteStore personal-data vault', () => {
  it('keeps its secret and rows in their own tables across reopening; a read-only store reads them, events never name them', async () => {
    const file = join(dir, 'vault.db');
    const store = sqliteStore({ file, personal: true });
    const [lookup] = await store.vault!.lookupKeys([{ kind: 'id-number', value }]);
    const c = commitPersonalValue(value);
    const row = {
      subject: 'a'.repeat(32),
      kind: 'id-number' as const,
      value,
      salt: c.salt,
      commitment: c.commitment,
      lookup: lookup!,
    };
    await store.append('quota-a', [testEvent()], { expectedVersion: 'no-stream', personal: [row] });
    await store.close();

    const again = sqliteStore({ file, personal: true });
    expect((await again.vault!.resolve([value])).get(value)).toMatchObject({
      subject: 'a'.repeat(32),
      lookup,
      salts: { 'id-number': c.salt },
    });
    await again.close();
    const reader = sqliteStore({ file, personal: true, readOnly: true });
    expect(await reader.vault!.rows()).toEqual([row]);
    await reader.close();

    const db = new Database(file, { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
    ).filter((t) => t.startsWith('certflow_personal'));
    expect(tables).toEqual(['certflow_personal', 'certflow_personal_secret']);
    const events = (db.prepare('SELECT data, meta FROM certflow_events').raw().all() as string[][]).flat().join('\n');
    expect(events).not.toContain(value);
    db.close();
  });

  it('a store without `personal` has no vault and refuses vault rows; the option must be a boolean', async () => {
    const store = sqliteStore({ file: ':memory:' });
    expect(store.vault).toBeUndefined();
    const c = commitPersonalValue(value);
    const row = {
      subject: 'a'.repeat(32),
      kind: 'id-number' as const,
      value,
      salt: c.salt,
      commitment: c.commitment,
      lookup: null,
    };
    await expect(
      store.append('quota-a', [testEvent()], { expectedVersion: 'no-stream', personal: [row] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const log: StoredEvent[] = [];
    for await (const e of store.readAll()) log.push(e);
    expect(verifyLog(log).events).toBe(0);
    await store.close();
    expect(() => sqliteStore({ file: ':memory:', personal: 'yes' as unknown as boolean })).toThrow(/personal/);
  });
});
