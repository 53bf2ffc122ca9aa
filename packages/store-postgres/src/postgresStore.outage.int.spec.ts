import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  type CertflowError,
  ConcurrencyError,
  StoreUnavailableError,
  verifyLog,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { postgresStore, postgresStoreWithHooks } from './postgresStore.js';
import { POSITION_LOCK, schemaKey } from './schema.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';
import { startTcpProxy } from './testing/tcpProxy.js';

const { skip } = await postgresForTests();

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const proxy = await startTcpProxy('127.0.0.1', 1);
  const port = proxy.port;
  await proxy.close();
  return port;
}

describe.skipIf(skip)('postgresStore when the database fails', () => {
  const schemas: string[] = [];
  const fresh = (label: string) => {
    const s = testSchemaName(label);
    schemas.push(s);
    return s;
  };
  afterAll(() => dropSchemas(schemas));

  it('a refused connection is StoreUnavailableError not-written on every call, the driver error attached', {
    timeout: 20_000,
  }, async () => {
    const port = await closedPort();
    const store = postgresStore({
      connectionString: `postgres://postgres@127.0.0.1:${port}/test`,
      schema: fresh('refused'),
    });
    try {
      for (const call of [
        () => store.append('exam-1', testEvents(1), { expectedVersion: 0 }),
        () => store.readStream('exam-1'),
        () => store.streamVersion('exam-1'),
        () => collect(store.readAll()),
      ]) {
        const err = await failure(call());
        expect(err).toBeInstanceOf(StoreUnavailableError);
        expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE', outcome: 'not-written', driverCode: 'ECONNREFUSED' });
        expect((err as Error).cause).toBeInstanceOf(Error);
        expect((err as CertflowError).format('zh-CN')).toContain('未写入任何内容');
      }
    } finally {
      await store.close();
    }
  });

  it('a connection lost after the COMMIT was sent is outcome unknown, and a retry with the same expectedVersion never duplicates', {
    timeout: 30_000,
  }, async () => {
    const schema = fresh('lost');
    const proxy = await startTcpProxy('127.0.0.1', Number(new URL(PG_URL).port || 5432));
    // Just before COMMIT goes out the proxy starts throwing the server's
    // replies away, then resets the connection: the commit happens, its
    // answer never arrives.
    let cutNext = false;
    const store = postgresStoreWithHooks(
      { connectionString: proxy.url(PG_URL), schema, pool: { max: 2 } },
      {
        async afterReserve() {
          if (!cutNext) return;
          cutNext = false;
          proxy.dropReplies(true);
          setTimeout(() => {
            proxy.cut();
            proxy.dropReplies(false);
          }, 300);
        },
      },
    );
    const direct = postgresStore({ connectionString: PG_URL, schema });
    try {
      await store.append('exam-lost', testEvents(2), { expectedVersion: 0 });
      cutNext = true;
      const sent = testEvents(3);
      const err = await failure(store.append('exam-lost', sent, { expectedVersion: 2 }));
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as StoreUnavailableError).outcome).toBe('unknown');
      expect((err as Error).cause).toBeDefined();
      // It did commit; the documented retry (the same events with the same
      // expectedVersion) finds the stream moved on and appends nothing twice.
      const retry = await failure(store.append('exam-lost', sent, { expectedVersion: 2 }));
      expect(retry).toBeInstanceOf(ConcurrencyError);
      expect(retry).toMatchObject({ actual: 5 });
      const events = await direct.readStream('exam-lost');
      expect(events).toHaveLength(5);
      expect(verifyLog(events).ok).toBe(true);
    } finally {
      await store.close();
      await direct.close();
      await proxy.close();
    }
  });

  it('a server that stops answering: reads fail not-written and appends unknown within the timeouts; after it answers again the store works', {
    timeout: 30_000,
  }, async () => {
    const schema = fresh('frozen');
    const proxy = await startTcpProxy('127.0.0.1', Number(new URL(PG_URL).port || 5432));
    const store = postgresStore({
      connectionString: proxy.url(PG_URL),
      schema,
      pool: { max: 1 },
      statementTimeoutMs: 500,
      connectTimeoutMs: 1_000,
      appendTimeoutMs: 4_000,
    });
    try {
      await store.append('exam-frozen', testEvents(1), { expectedVersion: 0 });
      // Let the append's notification to other processes finish first.
      await new Promise((r) => setTimeout(r, 300));
      proxy.freeze();
      // On the pooled connection: the statement goes out and no answer comes.
      const append = await failure(store.append('exam-frozen', testEvents(1), { expectedVersion: 1 }));
      expect(append).toBeInstanceOf(StoreUnavailableError);
      expect(append).toMatchObject({ outcome: 'unknown' });
      // That connection was dropped; a new one gets no answer either.
      const read = await failure(store.readStream('exam-frozen'));
      expect(read).toBeInstanceOf(StoreUnavailableError);
      expect(read).toMatchObject({ outcome: 'not-written' });
      proxy.thaw();
      const version = await store.streamVersion('exam-frozen');
      expect([1, 2]).toContain(version);
      await store.append('exam-frozen', testEvents(1), { expectedVersion: version });
      expect(verifyLog(await store.readStream('exam-frozen')).ok).toBe(true);
    } finally {
      proxy.thaw();
      await store.close();
      await proxy.close();
    }
  });

  it('a server that accepts but never answers fails a new connection with not-written after connectTimeoutMs', {
    timeout: 20_000,
  }, async () => {
    const proxy = await startTcpProxy('127.0.0.1', Number(new URL(PG_URL).port || 5432));
    proxy.freeze();
    const store = postgresStore({
      connectionString: proxy.url(PG_URL),
      schema: fresh('noanswer'),
      connectTimeoutMs: 500,
    });
    try {
      const err = await failure(store.append('exam-1', testEvents(1), { expectedVersion: 0 }));
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err).toMatchObject({ outcome: 'not-written' });
    } finally {
      proxy.thaw();
      await store.close();
      await proxy.close();
    }
  });

  it('a statement cancelled by statement_timeout is not-written (57014), and the append did not happen', {
    timeout: 20_000,
  }, async () => {
    const schema = fresh('stmt');
    const store: EventStore = postgresStore({ connectionString: PG_URL, schema, statementTimeoutMs: 300 });
    const locker = new pg.Client({ connectionString: PG_URL });
    await locker.connect();
    try {
      await store.append('exam-1', testEvents(1), { expectedVersion: 0 });
      // Hold the position lock every append takes, so the next one waits on it.
      await locker.query('BEGIN');
      await locker.query('SELECT pg_advisory_xact_lock($1, $2)', [POSITION_LOCK, schemaKey(schema)]);
      const err = await failure(store.append('exam-1', testEvents(1), { expectedVersion: 1 }));
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err).toMatchObject({ outcome: 'not-written', driverCode: '57014' });
      await locker.query('ROLLBACK');
      expect(await store.streamVersion('exam-1')).toBe(1);
    } finally {
      await locker.end();
      await store.close();
    }
  });

  it('a subscription survives its connections being cut again and again: every event handled, in order, and health shows the retries', {
    timeout: 60_000,
  }, async () => {
    const schema = fresh('subcut');
    const proxy = await startTcpProxy('127.0.0.1', Number(new URL(PG_URL).port || 5432));
    const reader = postgresStore({
      connectionString: proxy.url(PG_URL),
      schema,
      pollIntervalMs: 50,
      connectTimeoutMs: 1_000,
    });
    const writer = postgresStore({ connectionString: PG_URL, schema });
    const seen: number[] = [];
    try {
      await writer.append('exam-0', testEvents(1), { expectedVersion: 0 });
      const sub = reader.subscribe({
        name: 'cut',
        handler: (e) => void seen.push(e.position),
        retry: { initialDelayMs: 10, maxDelayMs: 200 },
      });
      for (let round = 0; round < 30; round++) {
        await writer.append(`exam-${round % 4}`, testEvents(20), { expectedVersion: 'any' });
        if (round % 3 === 0) proxy.cut();
        if (round % 10 === 5) {
          proxy.refuse(true);
          await new Promise((r) => setTimeout(r, 150));
          proxy.refuse(false);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await sub.waitUntilCaughtUp();
      const health = await sub.health();
      const positions = (await collect(writer.readAll())).map((e) => e.position);
      expect(positions).toHaveLength(601);
      expect([...new Set(seen)]).toEqual(positions);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
      expect(health.retries).toBeGreaterThan(0);
      expect(health.lastError).toBeInstanceOf(StoreUnavailableError);
      expect(health).toMatchObject({ checkpoint: 601, lag: 0 });
      await sub.stop();
    } finally {
      await reader.close();
      await writer.close();
      await proxy.close();
    }
  });

  it('timeouts that are not whole positive numbers are a ValidationError naming each', () => {
    expect(() => postgresStore({ connectionString: PG_URL, statementTimeoutMs: 0, appendTimeoutMs: -1 })).toThrow(
      /statementTimeoutMs|appendTimeoutMs/,
    );
  });
});
