import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorruptStoreError, StoreUnavailableError, verifyLog, type StoredEvent } from '@certflow/core';
import { testEvent, testEvents } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-damage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `damage-${++n}.db`);

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

/** A closed file of `streams` × 50 events, each carrying a marker that can be found in the file's bytes. */
async function filledFile(streams = 40): Promise<string> {
  const file = fresh();
  const store = sqliteStore({ file });
  for (let s = 0; s < streams; s++) {
    await store.append(
      `exam-${s}`,
      Array.from({ length: 50 }, (_, i) => testEvent('Filled', { marker: `M${s}x${i}Q`, pad: 'p'.repeat(200) })),
      { expectedVersion: 0 },
    );
  }
  await store.close();
  return file;
}

describe('sqliteStore: a damaged file is reported as damage', () => {
  it('garbage over pages in the middle is a CorruptStoreError naming the file at open, and the file is left as it was', async () => {
    const file = await filledFile();
    const bytes = readFileSync(file);
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, 4096 * 20, 4096 * 24);
    writeFileSync(file, damaged);
    const err = await failure(() => sqliteStore({ file }));
    expect(err).toBeInstanceOf(CorruptStoreError);
    expect(err).toMatchObject({ code: 'CORRUPT_STORE', source: file });
    expect((err as CorruptStoreError).format('zh-CN')).toContain('已损坏');
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });

  it('with the open check off, the first read that meets a damaged page is CorruptStoreError, and no append lands after it', async () => {
    const file = await filledFile();
    const damaged = readFileSync(file);
    damaged.fill(0x5a, 4096 * 20, 4096 * 24);
    writeFileSync(file, damaged);
    const store = sqliteStore({ file, checkOnOpen: 'none' });
    try {
      const read = await failure(() => collect(store.readAll()));
      expect(read).toBeInstanceOf(CorruptStoreError);
      const append = await failure(() => store.append('exam-new', testEvents(1), { expectedVersion: 0 }));
      expect(append).toBeInstanceOf(CorruptStoreError);
    } finally {
      await store.close();
    }
    // Opening for writing switched the file from the rollback journal a closed store leaves to WAL
    // (the header's journal bytes and change counter); no page beyond the header was written.
    const after = readFileSync(file);
    expect(after.length).toBe(damaged.length);
    expect(after.subarray(100).equals(damaged.subarray(100))).toBe(true);
  });

  it('a truncated file is a CorruptStoreError naming the file', async () => {
    const file = await filledFile();
    const size = readFileSync(file).length;
    truncateSync(file, Math.floor(size / 2));
    const err = await failure(() => sqliteStore({ file }));
    expect(err).toBeInstanceOf(CorruptStoreError);
    expect(err).toMatchObject({ source: file });
  });

  it('one flipped byte in an event names the event (position, stream, version) in readAll and readStream; appends are refused after', async () => {
    const file = await filledFile(4);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"marker":"M2x7Q"'));
    expect(at).toBeGreaterThan(0);
    bytes[at + '"marker"'.length] = ';'.charCodeAt(0); // "marker";"M2x7Q": no longer JSON
    writeFileSync(file, bytes);
    const store = sqliteStore({ file });
    try {
      const err = await failure(() => collect(store.readAll()));
      expect(err).toBeInstanceOf(CorruptStoreError);
      expect(err).toMatchObject({ source: file, streamId: 'exam-2', version: 8, position: 2 * 50 + 8 });
      expect((err as Error).message).toContain('exam-2 version 8');
      expect(await failure(() => store.readStream('exam-2'))).toMatchObject({ code: 'CORRUPT_STORE', version: 8 });
      // Other streams read as before.
      expect(verifyLog(await store.readStream('exam-1')).ok).toBe(true);
      const append = await failure(() => store.append('exam-1', testEvents(1), { expectedVersion: 50 }));
      expect(append).toBeInstanceOf(CorruptStoreError);
      expect(await store.streamVersion('exam-1')).toBe(50);
    } finally {
      await store.close();
    }
  });

  it('a subscription stops at the damaged event with CorruptStoreError instead of retrying forever', async () => {
    const file = await filledFile(2);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"marker":"M1x0Q"'));
    bytes[at + '"marker"'.length] = ';'.charCodeAt(0);
    writeFileSync(file, bytes);
    const store = sqliteStore({ file });
    const seen: number[] = [];
    try {
      const sub = store.subscribe({ name: 'damaged', handler: (e) => void seen.push(e.position) });
      await expect(sub.waitUntilCaughtUp()).rejects.toBeInstanceOf(CorruptStoreError);
      expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect((await sub.health()).state).toBe('failed');
    } finally {
      await store.close();
    }
  });
});

/** A small tmpfs to fill; needs root (CI runs as root). */
function smallDisk(): string | undefined {
  const mount = join(dir, 'small-disk');
  mkdirSync(mount, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount], { stdio: 'ignore' });
    afterAll(() => execFileSync('umount', [mount], { stdio: 'ignore' }));
    return mount;
  } catch (e) {
    if (process.env.CI === 'true')
      throw new Error(`the full-disk test needs a tmpfs mount under CI: ${(e as Error).message}`);
    console.warn('\n!! sqliteStore full-disk test SKIPPED: cannot mount a small tmpfs here (needs root).\n');
    return undefined;
  }
}

const disk = smallDisk();

describe.skipIf(disk === undefined)('sqliteStore on a full disk', () => {
  it('SQLITE_FULL is a StoreUnavailableError not-written; the store keeps every acknowledged event and appends again once there is room', async () => {
    const file = join(disk!, 'full.db');
    const ballast = join(disk!, 'ballast');
    writeFileSync(ballast, Buffer.alloc(300 * 1024));
    const store = sqliteStore({ file });
    try {
      let acknowledged = 0;
      let err: unknown;
      for (let i = 0; i < 200 && err === undefined; i++) {
        try {
          await store.append('exam-full', [testEvent('Big', { i, pad: 'x'.repeat(20_000) })], {
            expectedVersion: acknowledged,
          });
          acknowledged++;
        } catch (e) {
          err = e;
        }
      }
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err).toMatchObject({ outcome: 'not-written', driverCode: 'SQLITE_FULL', operation: 'append' });
      expect(acknowledged).toBeGreaterThan(0);
      const events = await store.readStream('exam-full');
      expect(events).toHaveLength(acknowledged);
      expect(verifyLog(events).ok).toBe(true);
      rmSync(ballast);
      await store.append('exam-full', [testEvent('Small', { after: 'room' })], { expectedVersion: acknowledged });
      expect(verifyLog(await collect(store.readAll())).ok).toBe(true);
      expect(await store.streamVersion('exam-full')).toBe(acknowledged + 1);
    } finally {
      await store.close();
    }
  });
});
