import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  ConcurrencyError,
  IdempotencyConflictError,
  ValidationError,
  verifyLog,
  type StoredEvent,
} from '@certflow/core';
import { testEvent, testEvents } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { MIGRATIONS } from './schema.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

const { skip } = await postgresForTests();

describe.skipIf(skip)('postgresStore', () => {
  const schemas: string[] = [];
  const fresh = (label: string) => {
    const s = testSchemaName(label);
    schemas.push(s);
    return s;
  };
  afterAll(() => dropSchemas(schemas));

  it('several stores starting at once on a new schema migrate it exactly once', async () => {
    const schema = fresh('mig');
    const stores = Array.from({ length: 6 }, () =>
      postgresStore({ connectionString: PG_URL, schema, pool: { max: 2 } }),
    );
    try {
      expect(await Promise.all(stores.map((s) => s.streamVersion('exam-1')))).toEqual([0, 0, 0, 0, 0, 0]);
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      const rows = (await client.query(`SELECT version FROM "${schema}".migrations ORDER BY version`)).rows;
      await client.end();
      expect(rows).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
        { version: 4 },
        { version: 5 },
        { version: 6 },
        { version: 7 },
        { version: 8 },
        { version: 9 },
      ]);
      // A store opened later finds the schema in place.
      const later = postgresStore({ connectionString: PG_URL, schema });
      await later.append('exam-1', testEvents(1), { expectedVersion: 0 });
      expect(await stores[0]!.streamVersion('exam-1')).toBe(1);
      await later.close();
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('quotes, backslashes and escapes in every text column round-trip exactly, with standard_conforming_strings on or off', async () => {
    const schema = fresh('quote');
    const tricky = "it's a \\ back\\slash, \\' and '' \\\\ \n\t \u0000 职业技能 \"q\" $$ $tag$ E'x'";
    for (const conforming of ['on', 'off']) {
      const pool = new pg.Pool({ connectionString: PG_URL, max: 2 });
      pool.on('connect', (c) => void c.query(`SET standard_conforming_strings = ${conforming}`));
      const store = postgresStore({ pool, schema });
      try {
        const stream = `exam-quote-${conforming}`;
        const sent = [
          testEvent("Note's\\Type", { text: tricky, nested: { [tricky]: [tricky, '\\'] } }, { correlationId: tricky }),
          testEvent('Plain', { text: "'" }),
        ];
        const { events } = await store.append(stream, sent, { expectedVersion: 'no-stream' });
        const back = await store.readStream(stream);
        expect(back).toEqual(events);
        expect(back.map((e) => [e.type, e.data, e.meta])).toEqual(sent.map((e) => [e.type, e.data, e.meta]));
        expect(verifyLog(back).ok).toBe(true);
      } finally {
        await store.close();
        await pool.end();
      }
    }
  });

  it('the events an append returns are ordinary, independent copies of what it stored', async () => {
    const store = postgresStore({ connectionString: PG_URL, schema: fresh('ret') });
    try {
      const sent = [testEvent('Noted', { list: [1, { deep: '职业' }], n: null }), testEvent('Noted', { list: [] })];
      const { events } = await store.append('exam-ret', sent, { expectedVersion: 'no-stream' });
      const back = await store.readStream('exam-ret');
      // what a reader gets, by every way of looking at an object
      expect(events).toStrictEqual(back);
      expect(JSON.parse(JSON.stringify(events))).toEqual(back);
      expect(structuredClone(events)).toEqual(back);
      expect(events.map((e) => ({ ...e }))).toEqual(back);
      expect(Object.keys(events[0]!)).toEqual([
        'streamId',
        'version',
        'position',
        'type',
        'data',
        'meta',
        'prevHash',
        'hash',
      ]);
      // not the caller's objects, and the same object on every read
      expect(events[0]!.data).not.toBe(sent[0]!.data);
      expect(events[0]!.meta).not.toBe(sent[0]!.meta);
      expect(events[0]!.data).toBe(events[0]!.data);
      // changing the sent events, or the returned ones, changes nothing stored
      (sent[0]!.data as { list: unknown[] }).list.push('late');
      (events[0]!.data as { list: unknown[] }).list.push('mutated');
      events[1]!.data = { replaced: true };
      events[1]!.meta = { ...events[1]!.meta, actor: { id: 'x', role: 'auditor' } };
      expect(events[1]!.data).toEqual({ replaced: true });
      expect(events[1]!.meta.actor).toEqual({ id: 'x', role: 'auditor' });
      expect(await store.readStream('exam-ret')).toStrictEqual(back);
      expect(Object.isFrozen(Object.freeze(events[0]!)) && events[0]!.meta.commandId).toBe(back[0]!.meta.commandId);
    } finally {
      await store.close();
    }
  });

  it("repeated 'no-stream' races across separate pools: exactly one winner each time", async () => {
    const schema = fresh('race');
    const stores = Array.from({ length: 4 }, () =>
      postgresStore({ connectionString: PG_URL, schema, pool: { max: 3 } }),
    );
    try {
      for (let round = 0; round < 20; round++) {
        const results = await Promise.allSettled(
          stores.flatMap((s, i) =>
            [0, 1].map((j) =>
              s.append(`quota-r${round}`, [testEvent('Reserved', { i, j })], { expectedVersion: 'no-stream' }),
            ),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results)
          if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONCURRENCY', actual: 1 });
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a stale expectedVersion racing on the unique key reports the actual version', async () => {
    const schema = fresh('stale');
    const store = postgresStore({ connectionString: PG_URL, schema });
    try {
      await store.append('exam-s', testEvents(1), { expectedVersion: 'no-stream' });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.append('exam-s', testEvents(3), { expectedVersion: 1 })),
      );
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
      expect(lost).toHaveLength(7);
      for (const e of lost) {
        expect(e).toBeInstanceOf(ConcurrencyError);
        expect(e).toMatchObject({ expected: 1, actual: 4 });
      }
    } finally {
      await store.close();
    }
  });

  it('keeps JSON text exactly, including \\u0000 that jsonb would refuse', async () => {
    const store = postgresStore({ connectionString: PG_URL, schema: fresh('nul') });
    try {
      const data = { s: 'a\u0000b', nested: [{ z: 1, a: 2 }] };
      await store.append('application-nul', [testEvent('Nul', data)], { expectedVersion: 'no-stream' });
      const events = await store.readStream('application-nul');
      expect(events[0]!.data).toEqual(data);
      expect(verifyLog(events).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('bad options are ValidationErrors naming the field, and append nothing', async () => {
    expect(() => postgresStore({ connectionString: PG_URL, schema: 'Robert"; DROP' })).toThrow(ValidationError);
    expect(() => postgresStore({ schema: 'ok' })).toThrow(ValidationError);
    const store = postgresStore({ connectionString: PG_URL, schema: fresh('bad') });
    try {
      for (const expectedVersion of [-1, 1.5, '3', null, 2 ** 31]) {
        const err = await store
          .append('exam-b', testEvents(1), { expectedVersion: expectedVersion as never })
          .catch((e) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues[0]!.path).toEqual(['options', 'expectedVersion']);
      }
      expect(await store.streamVersion('exam-b')).toBe(0);
      expect(() => store.subscribe({ name: '', handler: () => undefined })).toThrow(ValidationError);
    } finally {
      await store.close();
    }
  });

  it('a closed store refuses work', async () => {
    const store = postgresStore({ connectionString: PG_URL, schema: fresh('closed') });
    await store.append('exam-c', testEvents(1), { expectedVersion: 'any' });
    await store.close();
    await expect(store.append('exam-c', testEvents(1), { expectedVersion: 'any' })).rejects.toThrow('closed');
  });

  it('shares a pool it is given and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 3 });
    const schema = fresh('shared');
    const store = postgresStore({ pool, schema });
    await store.append('exam-p', testEvents(2), { expectedVersion: 'no-stream' });
    const sub = store.subscribe({ name: 'p', handler: () => undefined });
    await sub.waitUntilCaughtUp();
    await store.close();
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".events`);
    expect(rows[0].n).toBe(2);
    await pool.end();
  });

  it('a schema from before the commandId check (migration 4) reads and verifies as before; the next writer migrates it, and a reused id is refused', async () => {
    const schema = fresh('cmdid');
    const claimed = (commandId: string, fingerprint: string) =>
      testEvents(1).map((e) => ({ ...e, meta: { ...e.meta, commandId, commandFingerprint: fingerprint } }));
    const first = postgresStore({ connectionString: PG_URL, schema });
    await first.append('application-old', claimed('old-cmd', 'a'.repeat(64)), { expectedVersion: 'no-stream' });
    await first.append('exam-old', testEvents(2), { expectedVersion: 'no-stream' });
    await first.close();
    // Back to what migration 4 left: no index, migration 3's append_batch, migration 5 unrecorded.
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const collect = async (store: ReturnType<typeof postgresStore>) => {
      const out: StoredEvent[] = [];
      for await (const e of store.readAll()) out.push(e);
      return out;
    };
    try {
      await client.query(`DROP INDEX "${schema}".events_command_id`);
      await client.query(`DROP FUNCTION "${schema}".command_id`);
      await client.query(`DROP FUNCTION "${schema}".append_batch`);
      await client.query(MIGRATIONS.find((m) => m.version === 3)!.sql(schema));
      await client.query(`DELETE FROM "${schema}".migrations WHERE version = 5`);
      const reader = postgresStore({ connectionString: PG_URL, schema, readOnly: true });
      const before = await collect(reader);
      expect(before).toHaveLength(3);
      expect(verifyLog(before).ok).toBe(true);
      expect(await reader.findCommand!('old-cmd')).toMatchObject({
        fingerprint: 'a'.repeat(64),
        streamId: 'application-old',
      });
      await reader.close();
      const writer = postgresStore({ connectionString: PG_URL, schema });
      const err = await writer
        .append('application-new', claimed('old-cmd', 'b'.repeat(64)), { expectedVersion: 'no-stream' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IdempotencyConflictError);
      expect(err).toMatchObject({ commandId: 'old-cmd', recorded: 'a'.repeat(64), attempted: 'b'.repeat(64) });
      expect(await collect(writer)).toEqual(before);
      await writer.close();
      const index = await client.query(
        `SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = 'events_command_id'`,
        [schema],
      );
      expect(index.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  });
});
