import pg from 'pg';
import type { CustomTypesConfig } from 'pg';
import type { EventMeta, JsonValue, StoredEvent } from '@certflow/core';

const INT8_OID = 20;

function int8AsNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond Number.MAX_SAFE_INTEGER`);
  return n;
}

/**
 * Per-query type parsers: bigint columns (positions) come back as numbers.
 * Passed with each query, so a pool the caller shares is left as it was.
 */
export const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? int8AsNumber
      : pg.types.getTypeParser(oid, format ?? 'text')) as CustomTypesConfig['getTypeParser'],
};

export interface EventRow {
  position: number;
  stream_id: string;
  version: number;
  type: string;
  data: JsonValue;
  meta: EventMeta;
  prev_hash: string | null;
  hash: string;
}

export const EVENT_COLUMNS = 'position, stream_id, version, type, data, meta, prev_hash, hash';

export function toStoredEvent(r: EventRow): StoredEvent {
  return {
    streamId: r.stream_id,
    version: r.version,
    position: r.position,
    type: r.type,
    data: r.data,
    meta: r.meta,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * An appended event as the append returns it. Its data and meta are parsed
 * from the canonical JSON text the store sent, on first read and once: a
 * caller that only needs versions, positions or hashes does not pay for
 * parsing bodies it already has. Reading gives exactly what readStream gives
 * (fresh objects the store keeps no reference to); the properties are
 * enumerable and writable, so spreading, JSON.stringify, structuredClone and
 * deep equality see ordinary values.
 */
export function appendedEvent(
  streamId: string,
  version: number,
  position: number,
  type: string,
  dataJson: string,
  metaJson: string,
  prevHash: string | null,
  hash: string,
): StoredEvent {
  let data: JsonValue | undefined;
  let meta: EventMeta | undefined;
  return {
    streamId,
    version,
    position,
    type,
    get data(): JsonValue {
      if (data === undefined) data = JSON.parse(dataJson) as JsonValue;
      return data;
    },
    set data(value: JsonValue) {
      data = value;
    },
    get meta(): EventMeta {
      if (meta === undefined) meta = JSON.parse(metaJson) as EventMeta;
      return meta;
    },
    set meta(value: EventMeta) {
      meta = value;
    },
    prevHash,
    hash,
  };
}

/** Most rows one INSERT carries (PostgreSQL allows 65,535 parameters per statement). */
export const ROWS_PER_INSERT = 5000;

/**
 * A multi-row INSERT of sealed events. Data and meta are stored as `json`
 * (the text as written, so any JSON string, including `\u0000`, round-trips);
 * the transaction id column takes its default, `pg_current_xact_id()`.
 */
export function insertStatement(schema: string, events: readonly StoredEvent[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const e of events) {
    const b = values.length;
    values.push(
      e.position,
      e.streamId,
      e.version,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.meta),
      e.prevHash,
      e.hash,
    );
    tuples.push(`($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8})`);
  }
  return { text: `INSERT INTO "${schema}".events (${EVENT_COLUMNS}) VALUES ${tuples.join(',')}`, values };
}
