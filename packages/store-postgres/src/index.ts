export { postgresStore } from './postgresStore.js';
export type { PostgresStoreOptions } from './postgresStore.js';
export { MIGRATIONS, SCHEMA_NAME_PATTERN } from './schema.js';
export type { Migration } from './schema.js';
export { ReadOnlyStoreError, SchemaNotFoundError, logExists, removeEmptyLog } from './readOnly.js';
export type { PgLogLocation } from './readOnly.js';
