// Appends small batches to randomly chosen, shared streams with expectedVersion
// retries, reporting every acknowledged event.
// Usage: loadWorker.ts <connectionString> <schema> <workerId> <streams,comma,separated> <operations>
import { ConcurrencyError } from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { postgresStore } from '../postgresStore.js';
import { coreOrigin, emit } from './processFixture.js';

const [url, schema, worker, streamList, opsArg] = process.argv.slice(2);
const streams = streamList!.split(',');
const store = postgresStore({ connectionString: url!, schema: schema!, pool: { max: 3 } });
emit({ core: coreOrigin() });

let retries = 0;
let seq = 0;
for (let op = 0; op < Number(opsArg); op++) {
  const streamId = streams[Math.floor(Math.random() * streams.length)]!;
  const ids = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => `${worker}-${++seq}`);
  let expected = await store.streamVersion(streamId);
  for (;;) {
    try {
      const r = await store.append(
        streamId,
        ids.map((id) => testEvent('Loaded', { id })),
        { expectedVersion: expected },
      );
      emit({ ack: { streamId, ids, versions: r.events.map((e) => e.version) } });
      break;
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
      retries++;
      expected = e.actual;
    }
  }
}
emit({ done: { retries } });
await store.close();
