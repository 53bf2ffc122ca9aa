import { afterAll, describe, expect, it } from 'vitest';
import { StoreClosedError } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { createAuditorRole } from './testing/auditorRole.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

const { skip } = await postgresForTests();

describe.skipIf(skip)('postgresStore streamVersions', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  it("answers each stream's streamVersion in one statement, in the order asked, 0 for a stream with no events, to a SELECT-only role too", async () => {
    const schema = testSchemaName('versions');
    schemas.push(schema);
    const store = postgresStore({ connectionString: PG_URL, schema });
    await store.append('exam-a', testEvents(2), { expectedVersion: 'no-stream' });
    await store.append('exam-b', testEvents(1), { expectedVersion: 'no-stream' });
    await store.append('exam-a', testEvents(3), { expectedVersion: 2 });
    const ids = ['exam-b', 'exam-none', 'exam-a', 'exam-b', 'it"s {odd}, [really]', 'exam-a'];
    const one = await Promise.all(ids.map((id) => store.streamVersion(id)));
    expect(one).toEqual([1, 0, 5, 1, 0, 5]);
    expect(await store.streamVersions!(ids)).toEqual(one);
    expect(await store.streamVersions!([])).toEqual([]);
    const many = Array.from({ length: 2_000 }, (_, i) => (i % 2 === 0 ? 'exam-a' : `exam-x${i}`));
    expect(await store.streamVersions!(many)).toEqual(many.map((id) => (id === 'exam-a' ? 5 : 0)));
    await store.close();
    await expect(store.streamVersions!(ids)).rejects.toBeInstanceOf(StoreClosedError);
    const auditor = await createAuditorRole(schema);
    try {
      const reader = postgresStore({ connectionString: auditor.url, schema, readOnly: true });
      expect(await reader.streamVersions!(ids)).toEqual(one);
      await reader.close();
    } finally {
      await auditor.drop();
    }
  });
});
