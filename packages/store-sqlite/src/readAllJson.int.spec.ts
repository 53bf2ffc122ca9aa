import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CorruptStoreError, type JsonValue, type StoredEvent } from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';

// readAllJson (what `certflow export --unmasked` of a SQLite file reads) writes
// each event's JSON from the stored texts: it must be, byte for byte, the
// JSON.stringify of what readAll yields, for text the store wrote itself and
// for text written into the file by other hands.
const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function filled(): Promise<string> {
  const file = join(dir, `json-${++n}.db`);
  const store = sqliteStore({ file });
  const values: JsonValue[] = [
    { text: 'plain' },
    { text: 'quote " backslash \\ tab \t line\nbreak \u2028 \u0000 emoji 😀 身份证号' },
    { n: [0, -0, 1e21, 5e-7, 0.1 + 0.2, -12.5], deep: { b: { a: [null, true, false] } }, '': 'empty key' },
    { 10: 'ten', 9: 'nine', a: 'a', __proto__x: 1 },
  ];
  for (let s = 0; s < 3; s++)
    await store.append(
      `exam-${s}`,
      values.map((v) => testEvent('Filled', v)),
      { expectedVersion: 0 },
    );
  await store.close();
  return file;
}

async function lines(file: string, batchSize?: number): Promise<string[]> {
  const store = sqliteStore({ file, readOnly: true });
  try {
    const out: string[] = [];
    for await (const batch of store.readAllJson(batchSize ? { batchSize } : {})) out.push(...batch);
    return out;
  } finally {
    await store.close();
  }
}

async function events(file: string): Promise<StoredEvent[]> {
  const store = sqliteStore({ file, readOnly: true });
  try {
    const out: StoredEvent[] = [];
    for await (const e of store.readAll()) out.push(e);
    return out;
  } finally {
    await store.close();
  }
}

const rewrite = (file: string, sql: string) => {
  const db = new Database(file);
  db.exec(sql);
  db.close();
};

describe('sqliteStore readAllJson', () => {
  it('is JSON.stringify of each event readAll yields, in order, in batches of any size', async () => {
    const file = await filled();
    const expected = (await events(file)).map((e) => JSON.stringify(e));
    expect(expected).toHaveLength(12);
    expect(await lines(file)).toEqual(expected);
    expect(await lines(file, 5)).toEqual(expected);
    expect(await lines(file, 1)).toEqual(expected);
  });

  it('keeps stored text that is JSON but not as JSON.stringify writes it, and writes text with a line break as JSON.stringify does', async () => {
    const file = await filled();
    rewrite(
      file,
      `UPDATE certflow_events SET data = '{ "spaced" : [1, 2], "lone": "\\ud800" }' WHERE position = 2;
       UPDATE certflow_events SET data = '{"a":' || char(10) || '1}' WHERE position = 3;
       UPDATE certflow_events SET meta = replace(meta, ',', ', ' || char(13)) WHERE position = 4;`,
    );
    const got = await lines(file);
    const read = await events(file);
    expect(got[1]).toContain('"data":{ "spaced" : [1, 2], "lone": "\\ud800" }');
    expect(JSON.parse(got[1]!)).toEqual(read[1]);
    // a line break inside the stored text would split the line: written as JSON.stringify writes the value
    expect(got[2]).toBe(JSON.stringify(read[2]));
    expect(got[3]).toBe(JSON.stringify(read[3]));
    for (const line of got) expect(line).not.toMatch(/[\n\r]/);
    expect(got.filter((_, i) => i !== 1)).toEqual(read.filter((_, i) => i !== 1).map((e) => JSON.stringify(e)));
  });

  it('a stored text that is not JSON is damage, as in readAll: the events before it come first', async () => {
    const file = await filled();
    rewrite(file, `UPDATE certflow_events SET data = '{"cut": ' WHERE position = 7;`);
    const store = sqliteStore({ file, readOnly: true });
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const batch of store.readAllJson({ batchSize: 5 })) seen.push(...batch);
    } catch (e) {
      error = e;
    } finally {
      await store.close();
    }
    expect(error).toBeInstanceOf(CorruptStoreError);
    expect((error as CorruptStoreError).message).toContain('not valid JSON');
    expect(seen).toHaveLength(6);
  });
});
