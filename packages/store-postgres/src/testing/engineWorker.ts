// Runs the engine workload (filings contending for a quota, ordinary appends)
// against a PostgreSQL schema shared with other processes, reporting every
// acknowledged command. Usage:
//   engineWorker.ts <connectionString> <schema> <worker> <applications> <occupations,comma> <sharedStreams,comma> <goFile>
import { goWhenFileExists, runEngineWorkload } from '../../../core/src/readModels/engineWorkload.fixtures.js';
import { postgresStore } from '../postgresStore.js';
import { coreOrigin, emit } from './processFixture.js';

const [url, schema, worker, applications, occupations, shared, goFile] = process.argv.slice(2);
const store = postgresStore({ connectionString: url!, schema: schema!, pool: { max: 4 } });
emit({ core: coreOrigin() });
await runEngineWorkload({
  store,
  worker: Number(worker),
  applications: Number(applications),
  occupations: occupations!.split(','),
  sharedStreams: shared!.split(','),
  go: goWhenFileExists(goFile!),
  emit,
});
await store.close();
