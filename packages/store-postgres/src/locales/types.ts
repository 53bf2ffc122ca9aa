/** The params of each error code of @certflow/store-postgres: what its messages in every locale read. */
export interface PostgresErrorParams {
  PG_SCHEMA_NOT_FOUND: { schema: string };
  PG_READ_ONLY: { schema: string; operation: string };
}
