import { afterAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  computeEventHash,
  sealEvents,
  verifyLog,
  type JsonValue,
  type NewEvent,
  type StoredEvent,
} from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

const { skip } = await postgresForTests();

/** Strings whose JSON and UTF-8 forms are easy to get wrong. */
const TRICKY = [
  '职业技能等级认定',
  'astral 𝄞 😀 𠀀',
  'separators \u2028 \u2029',
  'quotes " \' and backslashes \\ \\\\ \\u0041',
  'controls \u0000 \u0001 \b \f \n \r \t \u001f \u007f \u0080 \u009f',
  // (a lone surrogate is not I-JSON, so validateAppend refuses it before any store sees it)
  'surrogate pairs at the edges \ud800\udc00 \udbff\udfff',
  'ﬀ ⅷ é e\u0301',
  '',
];

const trickyData: JsonValue = {
  strings: TRICKY,
  // (integers beyond ±(2^53−1) below 1e21 are not I-JSON and are refused; 1e21 and above are written with an exponent)
  numbers: [
    0,
    -0,
    1e21,
    1e-7,
    1.2345678901234568e21,
    9007199254740991,
    -9007199254740991,
    -1.5e-300,
    0.1 + 0.2,
    Number.MAX_VALUE,
    5e-324,
    4.35,
    1e300,
  ],
  empty: { object: {}, array: [], string: '' },
  nested: { z: { y: [{ b: 1, a: [{ d: null, c: true }] }], x: false }, a: { '': 0, ' ': 1 } },
  // JCS orders keys by UTF-16 code units: '\r' < '1' < 'A' < 'a' < 'é' < '€' < '😀' (a surrogate pair) < 'ﬀ'.
  keys: { ﬀ: 1, '😀': 2, '€': 3, é: 4, a: 5, A: 6, '1': 7, '\r': 8, [TRICKY[3]!]: 9, [TRICKY[4]!]: 10 },
};

describe.skipIf(skip)('postgresStore: hashes computed in the database', () => {
  const schema = testSchemaName('hash');
  afterAll(() => dropSchemas([schema]));

  it('equal computeEventHash and sealEvents for tricky payloads, and the log verifies', async () => {
    const store = postgresStore({ connectionString: PG_URL, schema });
    try {
      const sharedMeta = testEvent('Shared', null, {
        correlationId: TRICKY.join('|'),
        commandId: 'cmd-"\\\u2028😀',
      }).meta;
      const batches: NewEvent[][] = [
        [testEvent('认定"Recorded\\\u2028😀', trickyData)],
        [
          { type: 'Shared', data: TRICKY, meta: sharedMeta },
          { type: 'Shared', data: { same: 'meta object' }, meta: sharedMeta },
          testEvent('Scalars', 'just a string \u2029'),
          testEvent('Scalars', 12345.678),
          testEvent('Scalars', null),
          testEvent('Scalars', []),
          testEvent('Scalars', {}),
          // forms travel joined by newlines: raw newlines in data must not split them
          testEvent('Newlines', { text: 'line 1\nline 2', 'key\n': '\n', '\r\u001e': '\u2028' }),
        ],
        [testEvent('Again', { after: 'a second append chains to the first' })],
      ];
      const appended: StoredEvent[] = [];
      for (const [i, batch] of batches.entries()) {
        const streamId = i === 1 ? 'exam-tricky.2' : 'application-tricky_1';
        const head = appended.filter((e) => e.streamId === streamId).at(-1);
        const r = await store.append(streamId, batch, { expectedVersion: head?.version ?? 'no-stream' });
        // What the client would have sealed with the same head and positions.
        const sealed = sealEvents(
          streamId,
          { version: head?.version ?? 0, hash: head?.hash ?? null },
          r.events.map((e) => e.position),
          batch,
        );
        expect(r.events).toEqual(sealed);
        for (const e of r.events) expect(e.hash).toBe(computeEventHash(e));
        expect(r.events.map((e) => e.data)).toEqual(batch.map((e) => JSON.parse(canonicalJson(e.data))));
        appended.push(...r.events);
      }
      const all: StoredEvent[] = [];
      for await (const e of store.readAll()) all.push(e);
      expect(all).toEqual(appended);
      const verified = verifyLog(all);
      expect(verified.ok).toBe(true);
      expect(verified).toMatchObject({ events: 10, streams: 2 });
      for (const e of all) expect(e.hash).toBe(computeEventHash(e));
    } finally {
      await store.close();
    }
  });
});
