import { describeEventStoreConformance } from './testing/index.js';
import { memoryStore } from './memoryStore.js';

describeEventStoreConformance('memoryStore', () => memoryStore(), { personal: () => memoryStore({ personal: true }) });

import { describe, expect, it } from 'vitest';
import { testEvents } from './testing/eventFactory.js';

describe('memoryStore subscriptions', () => {
  it('an append that lands while the subscription goes idle is delivered without another append', async () => {
    const store = memoryStore();
    const seen: number[] = [];
    let appended = false;
    const sub = store.subscribe({
      name: 'race',
      handler: async (e) => {
        seen.push(e.version);
        // Append from inside the handler of the last event of the first batch:
        // it lands after the runner's fetch, before it starts waiting.
        if (!appended) {
          appended = true;
          await store.append('application-r', testEvents(1), { expectedVersion: 1 });
        }
      },
    });
    await store.append('application-r', testEvents(1), { expectedVersion: 'no-stream' });
    const deadline = Date.now() + 2000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([1, 2]);
    await sub.stop();
    await store.close();
  });
});
