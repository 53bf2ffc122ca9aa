import { StoreUnavailableError } from './errors.js';
import type { StoredEvent } from './event.js';
import type { EventHandler, RetryOptions, Subscription, SubscriptionHealth } from './eventStore.js';

/** What a store provides so `runSubscription` can drive a subscription over it. */
export interface SubscriptionSource {
  /** Events with position > `afterPosition`, in commit order, at most `limit`. */
  fetch(afterPosition: number, limit: number): Promise<StoredEvent[]>;
  /** Highest position committed so far (0 when empty). */
  headPosition(): Promise<number>;
  loadCheckpoint(name: string): Promise<number | undefined>;
  saveCheckpoint(name: string, position: number): Promise<void>;
  /** Resolves when new events may be available, or after a poll interval, or on abort. */
  waitForChange(signal: AbortSignal): Promise<void>;
}

/** The handler's own error, told apart from the store's errors (which are retried). */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/** A damaged store does not heal by waiting: such an error stops the subscription like a handler's. */
function isPermanent(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'CORRUPT_STORE';
}

const DEFAULT_RETRY = { initialDelayMs: 50, maxDelayMs: 5_000 };

/**
 * A pull-based subscription loop shared by stores whose positions are in
 * commit order: fetch a batch after the checkpoint, hand each event to the
 * handler, then save the checkpoint. Delivery is at least once: a crash
 * between the handler and the save hands that one event over again.
 *
 * A store error (an outage, a timeout, a failed checkpoint save) does not
 * stop it: the loop waits (exponential backoff with jitter, `retry`), then
 * resumes after the last event it handled, so every event is delivered, in
 * order. `health()` reports the error meanwhile. If the handler throws, the
 * subscription stops and `waitUntilCaughtUp` rejects with the error; the
 * checkpoint stays before the failed event.
 */
export function runSubscription(
  name: string,
  handler: EventHandler,
  source: SubscriptionSource,
  options: { from?: number; batchSize?: number; retry?: RetryOptions } = {},
): Subscription {
  const stopController = new AbortController();
  const batchSize = options.batchSize ?? 200;
  const initialDelayMs = options.retry?.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs;
  const maxDelayMs = Math.max(initialDelayMs, options.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs);
  let failure: { error: unknown } | undefined;
  let processed = -1; // unknown until the checkpoint is loaded
  let waiters: Array<{ target: number; resolve: () => void; reject: (e: unknown) => void }> = [];
  let kick: AbortController = new AbortController();
  let state: SubscriptionHealth['state'] = 'starting';
  let lastError: unknown;
  let lastErrorAt: Date | undefined;
  let retries = 0;

  const settle = () => {
    if (failure) {
      waiters.forEach((w) => void w.reject(failure!.error));
      waiters = [];
      return;
    }
    const done = waiters.filter((w) => w.target <= processed);
    waiters = waiters.filter((w) => w.target > processed);
    done.forEach((w) => void w.resolve());
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopController.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        stopController.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopController.signal.addEventListener('abort', done, { once: true });
    });

  /** One pass: load the checkpoint if needed, then deliver batches until stopped or the store fails. */
  const deliver = async (from: { checkpoint: number | undefined }) => {
    if (from.checkpoint === undefined) {
      from.checkpoint = (await source.loadCheckpoint(name)) ?? Math.max(0, (options.from ?? 1) - 1);
      processed = from.checkpoint;
      settle();
    }
    state = 'running';
    while (!stopController.signal.aborted) {
      const batch = await source.fetch(from.checkpoint, batchSize);
      for (const event of batch) {
        if (stopController.signal.aborted) return;
        try {
          await handler(event);
        } catch (error) {
          throw new HandlerFailure(error);
        }
        from.checkpoint = event.position;
        processed = from.checkpoint;
        await source.saveCheckpoint(name, from.checkpoint);
      }
      settle();
      if (batch.length < batchSize) {
        const wake = kick;
        const both = AbortSignal.any([stopController.signal, wake.signal]);
        const changed = source.waitForChange(both);
        // An append may have landed between the fetch above and registering
        // the wait; look once more (with the source's own visibility rules)
        // so such an event is not left waiting for the next change or poll.
        const landed = (await source.fetch(from.checkpoint, 1)).length > 0;
        if (!landed) await changed;
        if (wake.signal.aborted) kick = new AbortController();
      }
    }
  };

  const loop = (async () => {
    const from: { checkpoint: number | undefined } = { checkpoint: undefined };
    let delay = initialDelayMs;
    while (!stopController.signal.aborted) {
      try {
        await deliver(from);
        return;
      } catch (error) {
        if (error instanceof HandlerFailure) throw error.error;
        if (isPermanent(error)) throw error;
        lastError = error;
        lastErrorAt = new Date();
        retries++;
        state = 'retrying';
        // A saved checkpoint may lag the handled events by one batch at most;
        // the loop resumes after the last event handled, so nothing is handed
        // over twice within this process and nothing is skipped.
        await pause(delay / 2 + Math.random() * (delay / 2));
        delay = Math.min(delay * 2, maxDelayMs);
      }
    }
  })()
    .catch((error) => {
      failure = { error };
      lastError = error;
      lastErrorAt = new Date();
      state = 'failed';
      settle();
    })
    .finally(() => {
      if (state !== 'failed') state = 'stopped';
    });

  return {
    name,
    async waitUntilCaughtUp() {
      if (failure) throw failure.error;
      const target = await source.headPosition();
      await new Promise<void>((resolve, reject) => {
        waiters.push({ target, resolve, reject });
        if (processed >= 0) settle();
        kick.abort();
      });
    },
    async stop() {
      stopController.abort();
      await loop;
      const stopped = new StoreUnavailableError('subscription', 'not-written', {
        detail: `subscription ${name} was stopped`,
      });
      waiters.forEach((w) => void w.reject(stopped));
      waiters = [];
    },
    async health() {
      let lag: number | undefined;
      try {
        lag = Math.max(0, (await source.headPosition()) - Math.max(processed, 0));
      } catch {
        lag = undefined;
      }
      return { state, checkpoint: Math.max(processed, 0), lag, lastError, lastErrorAt, retries };
    },
  };
}

/**
 * The subscriptions a store has handed out, so `close()` can stop them all.
 * `track` wraps a subscription so that stopping it also forgets it.
 */
export function subscriptionSet(): { track(sub: Subscription): Subscription; stopAll(): Promise<void> } {
  const live = new Set<Subscription>();
  return {
    track(sub) {
      const tracked: Subscription = {
        name: sub.name,
        waitUntilCaughtUp: () => sub.waitUntilCaughtUp(),
        health: () => sub.health(),
        async stop() {
          live.delete(tracked);
          await sub.stop();
        },
      };
      live.add(tracked);
      return tracked;
    },
    async stopAll() {
      await Promise.allSettled([...live].map((s) => s.stop()));
    },
  };
}
