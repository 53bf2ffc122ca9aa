// docs/store-sqlite.md: opening stores. Runs in a fresh temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'certflow-docs-'));
process.chdir(dir);

// #region open
import { sqliteStore } from '@certflow/store-sqlite';

const store = sqliteStore({ file: 'certflow.db' }); // durable, synchronous=FULL
const fast = sqliteStore({ file: 'scratch.db', synchronous: 'NORMAL' }); // opt-in, see below
const temp = sqliteStore({ file: ':memory:' }); // private to this connection
// #endregion open

for (const s of [store, fast, temp]) {
  await s.append(
    'application-1',
    [
      {
        type: 'ApplicationSubmitted',
        data: {},
        meta: {
          at: '2020-06-01T09:00:00+08:00',
          actor: { id: 'org-1', role: 'applicant' },
          commandId: 'c1',
          correlationId: 'k1',
        },
      },
    ],
    { expectedVersion: 'no-stream' },
  );
  console.log((await s.readStream('application-1')).length); // 1
  await s.close();
}
process.chdir(tmpdir());
rmSync(dir, { recursive: true, force: true });
