export { sqliteStore, isStreamVersionConflict } from './sqliteStore.js';
export type { SqliteEventStore, SqliteStoreOptions } from './sqliteStore.js';
export {
  SqliteStoreError,
  NotADatabaseError,
  ForeignDatabaseError,
  UnsupportedSchemaError,
  StoreBusyError,
  StoreClosedError,
} from './errors.js';
export { StoreReadOnlyError, NoEventStoreError } from './errors.js';
export { SCHEMA_VERSION, readsInPlace } from './schema.js';
export type { Synchronous } from './schema.js';
