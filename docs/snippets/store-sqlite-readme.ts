// packages/store-sqlite/README.md. Runs in a fresh temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'certflow-docs-'));
process.chdir(dir);

// #region readme
import { sqliteStore } from '@certflow/store-sqlite';
import { ConcurrencyError, verifyLog } from '@certflow/core';

const store = sqliteStore({ file: 'certflow.db' }); // or ':memory:'

const meta = {
  at: '2020-06-01T09:00:00+08:00',
  actor: { id: 'jinan-org-001', role: 'applicant' as const },
  commandId: 'cmd-1',
  correlationId: 'readme',
};
const { nextExpectedVersion } = await store.append(
  'application-readme',
  [{ type: 'ApplicationSubmitted', data: { organization: '济南某职业培训学校' }, meta }],
  { expectedVersion: 'no-stream' },
);

// A second writer that read the same version loses with a typed error.
try {
  await store.append('application-readme', [{ type: 'ApplicationSubmitted', data: {}, meta }], {
    expectedVersion: 'no-stream',
  });
} catch (err) {
  if (!(err instanceof ConcurrencyError)) throw err;
  console.log(`lost the race: stream is at version ${err.actual}`); // lost the race: stream is at version 1
}

// A subscription keeps its checkpoint in the same file: a restart resumes after it.
const sub = store.subscribe({
  name: 'catalog',
  handler: (e) => console.log(`${e.position} ${e.streamId}@${e.version} ${e.type}`), // 1 application-readme@1 ApplicationSubmitted
});
await sub.waitUntilCaughtUp();
await sub.stop();

console.log(nextExpectedVersion, verifyLog(await store.readStream('application-readme')).ok); // 1 true
await store.close();
// #endregion readme

process.chdir(tmpdir());
rmSync(dir, { recursive: true, force: true });
