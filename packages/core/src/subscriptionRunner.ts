import type { StoredEvent } from './event.js';
import type { EventHandler, Subscription } from './eventStore.js';

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

/**
 * A pull-based subscription loop shared by stores whose positions are in
 * commit order: fetch a batch after the checkpoint, hand each event to the
 * handler, then save the checkpoint. Delivery is at least once: a crash
 * between the handler and the save hands that one event over again.
 * If the handler throws, the subscription stops and `waitUntilCaughtUp` rejects
 * with the error; the checkpoint stays before the failed event.
 */
export function runSubscription(
  name: string,
  handler: EventHandler,
  source: SubscriptionSource,
  options: { from?: number; batchSize?: number } = {},
): Subscription {
  const stopController = new AbortController();
  const batchSize = options.batchSize ?? 200;
  let failure: { error: unknown } | undefined;
  let processed = -1; // unknown until the checkpoint is loaded
  let waiters: Array<{ target: number; resolve: () => void; reject: (e: unknown) => void }> = [];
  let kick: AbortController = new AbortController();

  const settle = () => {
    if (failure) {
      waiters.forEach((w) => w.reject(failure!.error));
      waiters = [];
      return;
    }
    const done = waiters.filter((w) => w.target <= processed);
    waiters = waiters.filter((w) => w.target > processed);
    done.forEach((w) => w.resolve());
  };

  const loop = (async () => {
    let checkpoint = (await source.loadCheckpoint(name)) ?? Math.max(0, (options.from ?? 1) - 1);
    processed = checkpoint;
    settle();
    while (!stopController.signal.aborted) {
      const batch = await source.fetch(checkpoint, batchSize);
      for (const event of batch) {
        if (stopController.signal.aborted) return;
        await handler(event);
        checkpoint = event.position;
        await source.saveCheckpoint(name, checkpoint);
        processed = checkpoint;
      }
      settle();
      if (batch.length < batchSize) {
        const wake = kick;
        const both = AbortSignal.any([stopController.signal, wake.signal]);
        const changed = source.waitForChange(both);
        // An append may have landed between the fetch above and registering
        // the wait; look once more (with the source's own visibility rules)
        // so such an event is not left waiting for the next change or poll.
        const landed = (await source.fetch(checkpoint, 1)).length > 0;
        if (!landed) await changed;
        if (wake.signal.aborted) kick = new AbortController();
      }
    }
  })().catch((error) => {
    failure = { error };
    settle();
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
      waiters.forEach((w) => w.reject(new Error(`subscription ${name} stopped`)));
      waiters = [];
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
