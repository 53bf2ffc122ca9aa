/** The params of each error code of @certflow/store-sqlite: what its messages in every locale read. */
export interface SqliteErrorParams {
  STORE_NOT_A_DATABASE: { file: string; detail: string };
  STORE_FOREIGN_DATABASE: { file: string; tables: string[] };
  STORE_SCHEMA_UNSUPPORTED: { file: string; found: string; supported: number };
  STORE_BUSY: {
    file: string;
    busyTimeoutMs: number;
    operation: string;
    outcome: 'not-written' | 'unknown';
    driverCode?: string;
    detail?: string;
  };
  STORE_READ_ONLY: { file: string; operation: string };
  STORE_NO_EVENT_STORE: { file: string; found: string };
}
