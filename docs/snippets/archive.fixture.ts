// A setup the CLI samples share: a fresh temporary directory, made the
// working directory, holding certflow.db (two streams, four events) and its
// unmasked export archive.jsonl.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIo, runCli } from '@certflow/cli';
import { sqliteStore } from '@certflow/store-sqlite';

export async function archiveInTempDir(): Promise<{ cleanUp(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'certflow-docs-'));
  process.chdir(dir);
  const store = sqliteStore({ file: 'certflow.db' });
  const meta = (commandId: string) => ({
    at: '2020-06-01T09:00:00+08:00',
    actor: { id: 'org-1', role: 'applicant' as const },
    commandId,
    correlationId: 'docs',
  });
  for (const streamId of ['application-a1', 'application-a2']) {
    await store.append(
      streamId,
      [
        { type: 'ApplicationSubmitted', data: { organization: '济南市某职业培训学校' }, meta: meta(`${streamId}-1`) },
        { type: 'ApplicationSupplemented', data: {}, meta: meta(`${streamId}-2`) },
      ],
      { expectedVersion: 'no-stream' },
    );
  }
  await store.close();
  const io = bufferIo();
  if ((await runCli(['export', 'certflow.db', '--unmasked'], io)) !== 0) throw new Error(io.err());
  writeFileSync('archive.jsonl', io.out());
  return {
    cleanUp() {
      process.chdir(tmpdir());
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
