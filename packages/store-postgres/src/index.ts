export { postgresStore } from './postgresStore.js';
export type { PostgresStoreOptions } from './postgresStore.js';
export { MIGRATIONS, SCHEMA_NAME_PATTERN } from './schema.js';
export type { Migration } from './schema.js';
export { ReadOnlyStoreError, SchemaNotFoundError } from './readOnly.js';
