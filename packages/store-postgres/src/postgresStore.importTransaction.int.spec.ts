import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError, type StoredEvent } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

// beginImport: many batches in one transaction on one client, so a log too
// large to hold is imported all or nothing into a schema that holds events.
const { skip } = await postgresForTests();

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

describe.skipIf(skip)('postgresStore beginImport', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));
  const store = () => {
    const schema = testSchemaName('imptx');
    schemas.push(schema);
    return postgresStore({ connectionString: PG_URL, schema });
  };
  /** A log of four streams (positions 1..10), written by a schema of its own. */
  async function sourceLog(): Promise<StoredEvent[]> {
    const s = store();
    await s.append('application-a', testEvents(3), { expectedVersion: 'no-stream' });
    await s.append('exam-b', testEvents(2), { expectedVersion: 'no-stream' });
    await s.append('application-c', testEvents(3), { expectedVersion: 'no-stream' });
    await s.append('quota-d', testEvents(2), { expectedVersion: 'no-stream' });
    const log = await collect(s.readAll());
    await s.close();
    return log;
  }

  it('writes batches that continue the schema and each other, visible once committed; appends after take positions above them', async () => {
    const log = await sourceLog();
    const target = store();
    await target.importEvents(log.slice(0, 3));
    const tx = await target.beginImport!();
    await tx.write(log.slice(3, 6));
    await tx.write(log.slice(6));
    expect(await collect(target.readAll())).toEqual(log.slice(0, 3)); // not visible before the commit
    await tx.commit();
    await tx.rollback(); // a no-op once committed
    expect(await collect(target.readAll())).toEqual(log);
    expect(await target.transparency.size()).toBe(log.length);
    const appended = await target.append('application-z', testEvents(1), { expectedVersion: 'no-stream' });
    expect(appended.events[0]!.position).toBe(log.length + 1);
    await target.close();
  });

  it('a batch refused late rolls every batch back; the schema takes the same log again afterwards (the position sequence did not move)', async () => {
    const log = await sourceLog();
    const target = store();
    await target.importEvents(log.slice(0, 3));
    const tx = await target.beginImport!();
    await tx.write(log.slice(3, 6));
    const changed = { ...log[7]!, data: { changed: true } };
    await expect(tx.write([log[6]!, changed])).rejects.toBeInstanceOf(ValidationError);
    await expect(tx.commit()).rejects.toThrow(); // the transaction is over
    expect(await collect(target.readAll())).toEqual(log.slice(0, 3));
    const again = await target.beginImport!();
    await again.write(log.slice(3));
    await again.commit();
    expect(await collect(target.readAll())).toEqual(log);
    await target.close();
  });

  it('an append waits for the import: rolled back, the append then takes the next position', async () => {
    const log = await sourceLog();
    const target = store();
    await target.importEvents(log.slice(0, 3));
    const tx = await target.beginImport!();
    await tx.write(log.slice(3));
    let done = false;
    const append = target.append('application-z', testEvents(1), { expectedVersion: 'no-stream' }).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    await tx.rollback();
    expect((await append).events[0]!.position).toBe(4);
    expect((await collect(target.readAll())).map((e) => e.streamId)).toEqual([
      ...log.slice(0, 3).map((e) => e.streamId),
      'application-z',
    ]);
    await target.close();
  });
});
