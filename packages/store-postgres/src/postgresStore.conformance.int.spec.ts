import { afterAll } from 'vitest';
import { describeEventStoreConformance } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';
import { describe } from 'vitest';

const { skip } = await postgresForTests();

describe.skipIf(skip)('postgresStore', () => {
  // Every store the suite opens gets its own, empty schema; all are dropped afterwards.
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));
  describeEventStoreConformance(
    'postgresStore',
    () => {
      const schema = testSchemaName('conf');
      schemas.push(schema);
      return postgresStore({ connectionString: PG_URL, schema, pool: { max: 12 } });
    },
    {
      personal: () => {
        const schema = testSchemaName('vault');
        schemas.push(schema);
        return postgresStore({ connectionString: PG_URL, schema, personal: true });
      },
    },
  );
});
