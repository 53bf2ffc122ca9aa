// Appends whole batches to one stream in a loop until it is killed.
// Usage: crashWorker.ts <connectionString> <schema> <streamId> <batchSize> <payloadBytes>
import { testEvent } from '@certflow/core/testing';
import { postgresStore } from '../postgresStore.js';
import { coreOrigin, emit } from './processFixture.js';

const [url, schema, streamId, batchArg, padArg] = process.argv.slice(2);
const batchSize = Number(batchArg);
const pad = 'x'.repeat(Number(padArg));
const store = postgresStore({ connectionString: url!, schema: schema!, pool: { max: 2 } });
emit({ core: coreOrigin() });

for (;;) {
  const version = await store.streamVersion(streamId!);
  const batch = version / batchSize + 1;
  const events = Array.from({ length: batchSize }, (_, i) => testEvent('Filled', { batch, i, pad }));
  emit({ begin: batch, at: Date.now() });
  const r = await store.append(streamId!, events, { expectedVersion: version });
  emit({ ack: batch, version: r.nextExpectedVersion, at: Date.now() });
}
