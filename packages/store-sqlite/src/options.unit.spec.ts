import { describe, expect, it } from 'vitest';
import { ValidationError } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';
import { StoreClosedError } from './errors.js';

const issuePaths = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => i.path.join('.'));
  }
  throw new Error('expected a ValidationError');
};

describe('sqliteStore options', () => {
  it('names every bad option', () => {
    expect(issuePaths(() => sqliteStore({ file: '' }))).toEqual(['options.file']);
    expect(
      issuePaths(() =>
        sqliteStore({ file: ':memory:', synchronous: 'OFF' as never, busyTimeoutMs: -1, pollIntervalMs: 0.5 }),
      ),
    ).toEqual(['options.synchronous', 'options.busyTimeoutMs', 'options.pollIntervalMs']);
    expect(issuePaths(() => sqliteStore(undefined as never))).toEqual(['options.file']);
  });

  it("accepts synchronous 'NORMAL' as an explicit opt-in", async () => {
    const store = sqliteStore({ file: ':memory:', synchronous: 'NORMAL' });
    await store.append('application-1', testEvents(1), { expectedVersion: 'no-stream' });
    expect(await store.streamVersion('application-1')).toBe(1);
    await store.close();
  });

  it('rejects a malformed expectedVersion and a zero batchSize without writing', async () => {
    const store = sqliteStore({ file: ':memory:' });
    const err = await store.append('application-1', testEvents(1), { expectedVersion: -1 }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]!.path).toEqual(['options', 'expectedVersion']);
    const iter = store.readAll({ batchSize: 0 })[Symbol.asyncIterator]();
    await expect(iter.next()).rejects.toBeInstanceOf(ValidationError);
    expect(await store.streamVersion('application-1')).toBe(0);
    await store.close();
  });

  it('every call after close() is a StoreClosedError naming the operation; close() twice is fine', async () => {
    const store = sqliteStore({ file: ':memory:' });
    await store.close();
    await store.close();
    const err = await store.append('application-1', testEvents(1), { expectedVersion: 'any' }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreClosedError);
    expect(err).toMatchObject({ code: 'STORE_CLOSED', operation: 'append', file: ':memory:' });
    await expect(store.readStream('application-1')).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.streamVersion('application-1')).rejects.toBeInstanceOf(StoreClosedError);
    expect(() => store.subscribe({ name: 'x', handler: () => undefined })).toThrow(StoreClosedError);
  });
});
