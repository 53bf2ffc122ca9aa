// Appends small batches to shared streams for `seconds`, through outages,
// with the documented retry pattern, reporting every acknowledged event.
// Usage: faultWorker.ts <connectionString> <schema> <workerId> <streams,comma,separated> <seconds>
import { ConcurrencyError, StoreUnavailableError, type EventStore } from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { postgresStore } from '../postgresStore.js';
import { coreOrigin, emit } from './processFixture.js';

const [url, schema, worker, streamList, secondsArg] = process.argv.slice(2);
const streams = streamList!.split(',');
const until = Date.now() + Number(secondsArg) * 1000;
const store: EventStore = postgresStore({
  connectionString: url!,
  schema: schema!,
  pool: { max: 2 },
  connectTimeoutMs: 2_000,
  appendTimeoutMs: 20_000,
});
emit({ core: coreOrigin() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counts = { unavailable: 0, unknown: 0, conflicts: 0, recovered: 0 };

/** Retries a read until the store answers (reads never write, so any retry is safe). */
async function read<T>(run: () => Promise<T>): Promise<T> {
  for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof StoreUnavailableError)) throw e;
      counts.unavailable++;
      await sleep(delay);
    }
  }
}

let seq = 0;
while (Date.now() < until) {
  const streamId = streams[Math.floor(Math.random() * streams.length)]!;
  const ids = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => `${worker}-${++seq}`);
  let expected = await read(() => store.streamVersion(streamId));
  for (let delay = 50; ; ) {
    try {
      const r = await store.append(
        streamId,
        ids.map((id) => testEvent('Loaded', { id })),
        { expectedVersion: expected },
      );
      emit({ ack: { streamId, ids, versions: r.events.map((e) => e.version) } });
      break;
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        // The documented retry: the same events at the same expectedVersion.
        // After `unknown` the append may have committed; then the retry meets
        // a ConcurrencyError and the stream tells whether these events are in it.
        counts[e.outcome === 'unknown' ? 'unknown' : 'unavailable']++;
        await sleep(delay);
        delay = Math.min(delay * 2, 1_000);
        continue;
      }
      if (!(e instanceof ConcurrencyError)) throw e;
      counts.conflicts++;
      const after = await read(() => store.readStream(streamId, { fromVersion: expected + 1 }));
      const mine = after.find((ev) => (ev.data as { id?: string }).id === ids[0]);
      if (mine) {
        counts.recovered++;
        emit({ ack: { streamId, ids, versions: ids.map((_, i) => mine.version + i) } });
        break;
      }
      expected = e.actual;
    }
  }
}
emit({ done: counts });
await store.close();
