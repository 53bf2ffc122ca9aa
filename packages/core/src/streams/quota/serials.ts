import { ConcurrencyError } from '../../errors.js';
import type { EventMeta } from '../../event.js';
import type { EventStore } from '../../eventStore.js';

/**
 * Takes a block of serial numbers from a per-site/year/level sequence stream
 * with optimistic concurrency, so two exams never issue the same number. A
 * failed command leaves a gap in the serials, never a duplicate.
 */
export async function allocateSerials(
  store: EventStore,
  streamId: string,
  count: number,
  examStreamId: string,
  meta: EventMeta,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const events = await store.readStream(streamId);
    const next =
      events.reduce(
        (n, e) =>
          n +
          Number(e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data) ? e.data.count : undefined),
        0,
      ) + 1;
    try {
      const data = { from: next, count, examStreamId };
      await store.append(streamId, [{ type: 'SerialsAllocated', data, meta }], { expectedVersion: events.length });
      return next;
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= 50) throw err;
    }
  }
}
