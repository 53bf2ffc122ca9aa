import { describe, expect, it } from 'vitest';
import { CorruptStoreError, StoreUnavailableError } from './errors.js';
import type { StoredEvent } from './event.js';
import { testEvent } from './testing/eventFactory.js';
import { runSubscription, type SubscriptionSource } from './subscriptionRunner.js';

const event = (position: number): StoredEvent => ({
  ...testEvent('Tested', { position }),
  streamId: `exam-${position % 3}`,
  version: position,
  position,
  prevHash: null,
  hash: 'h'.repeat(64),
});

/** A source over `count` events whose calls fail whenever `fails(call)` says so. */
function flakySource(count: number, fails: (what: string, call: number) => boolean) {
  const log = Array.from({ length: count }, (_, i) => event(i + 1));
  let calls = 0;
  const saved = new Map<string, number>();
  const failIf = (what: string) => {
    calls++;
    if (fails(what, calls)) throw new StoreUnavailableError(what, 'not-written', { driverCode: 'ECONNREFUSED' });
  };
  const source: SubscriptionSource = {
    async fetch(after, limit) {
      failIf('fetch');
      return log.filter((e) => e.position > after).slice(0, limit);
    },
    async headPosition() {
      return log.length;
    },
    async loadCheckpoint(name) {
      failIf('load');
      return saved.get(name);
    },
    async saveCheckpoint(name, position) {
      failIf('save');
      saved.set(name, position);
    },
    waitForChange: (signal) =>
      new Promise((resolve) => {
        const t = setTimeout(resolve, 5);
        signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      }),
  };
  return { source, saved };
}

describe('runSubscription', () => {
  it('store errors in every call are retried with backoff: every event is handled, in order, and health reports the last error', async () => {
    // Every 7th call fails, the checkpoint load fails twice first.
    let loads = 0;
    const { source, saved } = flakySource(500, (what, call) => (what === 'load' ? ++loads <= 2 : call % 7 === 0));
    const seen: number[] = [];
    const sub = runSubscription('flaky', (e) => void seen.push(e.position), source, {
      batchSize: 16,
      retry: { initialDelayMs: 1, maxDelayMs: 4 },
    });
    await sub.waitUntilCaughtUp();
    const health = await sub.health();
    await sub.stop();
    // At least once and in order: no position missing, none going backwards.
    expect([...new Set(seen)]).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    expect(health.retries).toBeGreaterThan(10);
    expect(health.lastError).toBeInstanceOf(StoreUnavailableError);
    expect(health.lastErrorAt).toBeInstanceOf(Date);
    // Idle polls keep meeting failures, so it may be between two tries.
    expect(['running', 'retrying']).toContain(health.state);
    expect(health).toMatchObject({ checkpoint: 500, lag: 0 });
    expect(saved.get('flaky')).toBeLessThanOrEqual(500);
    expect((await sub.health()).state).toBe('stopped');
  });

  it("only the handler's own error stops it: waitUntilCaughtUp rejects with it, health says failed", async () => {
    const { source } = flakySource(20, (what, call) => call % 5 === 0);
    const boom = new Error('handler broke on 12');
    const sub = runSubscription(
      'handler',
      (e) => {
        if (e.position === 12) throw boom;
      },
      source,
      { retry: { initialDelayMs: 1, maxDelayMs: 2 } },
    );
    await expect(sub.waitUntilCaughtUp()).rejects.toBe(boom);
    expect(await sub.health()).toMatchObject({ state: 'failed', lastError: boom, checkpoint: 11 });
    await sub.stop();
  });

  it('a damaged store (CorruptStoreError) is not waited out: it stops the subscription', async () => {
    const damage = new CorruptStoreError('events.db', 'unreadable row', { position: 3 });
    const { source } = flakySource(5, () => false);
    const broken: SubscriptionSource = { ...source, fetch: async () => Promise.reject(damage) };
    const sub = runSubscription('damaged', () => undefined, broken, { retry: { initialDelayMs: 1 } });
    await expect(sub.waitUntilCaughtUp()).rejects.toBe(damage);
    expect((await sub.health()).state).toBe('failed');
    await sub.stop();
  });

  it('stop() rejects a pending waitUntilCaughtUp with a StoreUnavailableError, not a bare Error', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { source } = flakySource(3, () => false);
    const sub = runSubscription('stopping', async () => gate, source);
    const waiting = sub.waitUntilCaughtUp().catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    const stopping = sub.stop();
    release();
    await stopping;
    expect(await waiting).toBeInstanceOf(StoreUnavailableError);
    expect(await waiting).toMatchObject({ operation: 'subscription', outcome: 'not-written' });
  });

  it('health reports the lag while the handler is behind, and undefined lag when the store cannot be asked', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { source } = flakySource(10, () => false);
    const sub = runSubscription('slow', async (e) => (e.position === 4 ? gate : undefined), source);
    await new Promise((r) => setTimeout(r, 20));
    expect(await sub.health()).toMatchObject({ state: 'running', checkpoint: 3, lag: 7 });
    const blind = runSubscription('blind', () => undefined, {
      ...source,
      headPosition: () => Promise.reject(new Error('down')),
    });
    expect((await blind.health()).lag).toBeUndefined();
    release();
    await sub.waitUntilCaughtUp();
    await Promise.all([sub.stop(), blind.stop()]);
  });
});
