import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { commitPersonalValue, personalLookupKey, verifyLog, type StoredEvent } from '@certflow/core';
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
    expect(tables).toEqual(['certflow_personal_secret', 'certflow_personal_subjects']);
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

  it('upgrades a file with vault rows per value (the table certflow_personal) to rows per subject when it opens it', async () => {
    const file = join(dir, 'old-layout.db');
    const plain = sqliteStore({ file });
    await plain.append('quota-a', [testEvent()], { expectedVersion: 'no-stream' });
    await plain.close();
    // The vault as files written before rows per subject hold it.
    const secret = Buffer.alloc(32, 9);
    const raw = new Database(file);
    raw.exec(`
      CREATE TABLE certflow_personal (
        commitment TEXT PRIMARY KEY,
        subject    TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('id-number', 'name')),
        value      TEXT NOT NULL,
        salt       TEXT NOT NULL,
        lookup     TEXT UNIQUE
      ) STRICT;
      CREATE INDEX certflow_personal_subject ON certflow_personal (subject, kind);
      CREATE TABLE certflow_personal_secret (one INTEGER PRIMARY KEY CHECK (one = 1), secret BLOB NOT NULL) STRICT;
    `);
    raw.prepare('INSERT INTO certflow_personal_secret (one, secret) VALUES (1, ?)').run(secret);
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(32);
    const idSalt = commitPersonalValue(value).salt;
    const nameSalt = commitPersonalValue('张三').salt;
    const row = (subject: string, kind: 'id-number' | 'name', v: string, salt: string, lookup: string | null) => ({
      commitment: commitPersonalValue(v, salt).commitment,
      subject,
      kind,
      value: v,
      salt,
      lookup,
    });
    const other = '110105194912310037';
    const old = [
      row(a, 'id-number', value, idSalt, personalLookupKey(secret, 'id-number', value)),
      row(a, 'name', '张三', nameSalt, null),
      row(a, 'name', '张叁', nameSalt, null),
      row(b, 'id-number', other, commitPersonalValue(other).salt, personalLookupKey(secret, 'id-number', other)),
    ];
    const insert = raw.prepare(
      'INSERT INTO certflow_personal (commitment, subject, kind, value, salt, lookup) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const r of old) insert.run(r.commitment, r.subject, r.kind, JSON.stringify(r.value), r.salt, r.lookup);
    raw.close();
    const byOrder = (rows: typeof old) =>
      [...rows].sort((x, y) =>
        x.subject !== y.subject
          ? x.subject.localeCompare(y.subject)
          : x.kind !== y.kind
            ? x.kind.localeCompare(y.kind)
            : x.commitment.localeCompare(y.commitment),
      );

    // Read-only, the old layout is read as it is and nothing changes.
    const copy = join(dir, 'old-layout-copy.db');
    copyFileSync(file, copy);
    const reader = sqliteStore({ file: copy, personal: true, readOnly: true });
    expect(await reader.vault!.rows()).toEqual(byOrder(old));
    expect((await reader.vault!.resolve([value])).get(value)).toMatchObject({
      subject: a,
      salts: { 'id-number': idSalt, name: nameSalt },
    });
    await reader.close();

    const store = sqliteStore({ file, personal: true });
    expect(await store.vault!.rows()).toEqual(byOrder(old));
    expect(await store.vault!.rows([b])).toEqual(byOrder(old.filter((r) => r.subject === b)));
    expect((await store.vault!.resolve([value, other])).get(value)).toEqual({
      lookup: personalLookupKey(secret, 'id-number', value),
      subject: a,
      salts: { 'id-number': idSalt, name: nameSalt },
    });
    // The upgraded row takes a new value of its subject, refuses another salt, and is erased whole.
    const added = row(a, 'name', '张山', nameSalt, null);
    await store.append('quota-b', [testEvent()], { expectedVersion: 'no-stream', personal: [old[0]!, added] });
    expect(await store.vault!.rows([a])).toEqual(byOrder([...old.slice(0, 3), added]));
    await expect(
      store.append('quota-c', [testEvent()], {
        expectedVersion: 'no-stream',
        personal: [row(a, 'name', '张珊', commitPersonalValue('x').salt, null)],
      }),
    ).rejects.toMatchObject({ code: 'CONCURRENCY' });
    const erased = await store.vault!.eraseSubject(a, {
      reason: 'retention',
      actor: { id: 'privacy-officer', role: 'provincial-center' },
    });
    expect(erased.commitments).toEqual([...old.slice(0, 3), added].map((r) => r.commitment).sort());
    expect(await store.vault!.rows()).toEqual(old.slice(3));
    await store.close();

    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).not.toContain('certflow_personal');
    expect(tables).toContain('certflow_personal_subjects');
    db.close();
    const log: StoredEvent[] = [];
    const again = sqliteStore({ file, personal: true, readOnly: true });
    for await (const e of again.readAll()) log.push(e);
    await again.close();
    expect(verifyLog(log)).toMatchObject({ ok: true, events: 3 });
  });
});
