import pg from 'pg';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import {
  ConcurrencyError,
  ValidationError,
  checkImport,
  runSubscription,
  subscriptionSet,
  canonicalForms,
  canonicalJson,
  validateAppend,
  type AppendOptions,
  type AppendResult,
  type CanonicalForms,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamHead,
  type SubscribeOptions,
  type Subscription,
  type TransparentEventStore,
} from '@certflow/core';
import { ChangeSignal } from './changeSignal.js';
import { EVENT_COLUMNS, ROWS_PER_INSERT, appendedEvent, insertStatement, toStoredEvent, types, type EventRow } from './rows.js';
import { checkSchemaName, migrate } from './schema.js';
import { extendTreeItem, postgresTransparency } from './merkle.js';

export interface PostgresStoreOptions {
  /** e.g. `postgres://user@host:5432/db`. Needed unless `pool` is a `pg.Pool`. */
  connectionString?: string;
  /** The schema that holds the store's tables (created on first use). Default `certflow`. */
  schema?: string;
  /**
   * A `pg.Pool` to share (the store never ends it), or options for the pool the
   * store creates and owns (default `{ max: 10 }`).
   */
  pool?: Pool | Omit<PoolConfig, 'connectionString'>;
  /** How often idle subscriptions and held-back readers look for new events, in ms. Default 250. */
  pollIntervalMs?: number;
}

/**
 * Test seam: with a hook, an append runs in an explicit transaction and the
 * hook runs inside it once the positions are reserved (the transaction id
 * assigned) and the rows written, before COMMIT, so a test can hold a
 * transaction open at that point.
 */
export interface PostgresStoreHooks {
  afterReserve?: (streamId: string, events: StoredEvent[]) => Promise<void>;
}

const INT4_MAX = 2_147_483_647;
const NEVER = new AbortController().signal;
/** How often an `'any'` append retries after losing a race for the same version. */
const ANY_RETRIES = 20;

function checkExpected(expected: unknown): asserts expected is ExpectedVersion {
  if (expected === 'any' || expected === 'no-stream') return;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0 && expected <= INT4_MAX) return;
  throw new ValidationError(
    [
      {
        path: ['options', 'expectedVersion'],
        code: 'invalid_expected_version',
        message: `expected a version (an integer ≥ 0), 'no-stream' or 'any', received ${JSON.stringify(expected)}`,
        expected: "integer ≥ 0 | 'no-stream' | 'any'",
        received: JSON.stringify(expected) ?? String(expected),
      },
    ],
    'append',
  );
}

function isPool(p: PostgresStoreOptions['pool']): p is Pool {
  return typeof (p as Pool | undefined)?.connect === 'function';
}

/**
 * An event store in PostgreSQL (pg 8). See docs/store-postgres.md for the
 * schema, the ordering guarantee and what a long-open transaction does to readers.
 */
export function postgresStore(options: PostgresStoreOptions): TransparentEventStore {
  return postgresStoreWithHooks(options, {});
}

export function postgresStoreWithHooks(options: PostgresStoreOptions, hooks: PostgresStoreHooks): TransparentEventStore {
  const schema = checkSchemaName(options.schema ?? 'certflow');
  const shared = isPool(options.pool);
  if (!shared && !options.connectionString) {
    throw new ValidationError(
      [{ path: ['connectionString'], code: 'required', message: 'expected a connection string (or a pg.Pool as pool)' }],
      'postgresStore',
    );
  }
  const pool: Pool = shared
    ? (options.pool as Pool)
    : new pg.Pool({ max: 10, ...(options.pool as PoolConfig | undefined), connectionString: options.connectionString });
  if (!shared) pool.on('error', () => undefined); // an idle connection dropped by the server; the pool replaces it
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const signal = new ChangeSignal(pool, `certflow_${schema}`, options.connectionString, pollIntervalMs);
  const t = `"${schema}".events`;
  const subscriptions = subscriptionSet();
  let closed = false;

  let migrated: Promise<void> | undefined;
  /** True once the migrations ran: appends then skip awaiting `ready()`. */
  let isMigrated = false;
  const ready = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('postgresStore is closed'));
    migrated ??= migrate(pool, schema).then(
      () => {
        isMigrated = true;
      },
      (e) => {
        migrated = undefined;
        throw e;
      },
    );
    return migrated;
  };

  const query = async <R extends object>(text: string, values: unknown[] = []): Promise<R[]> => {
    await ready();
    return (await pool.query<R>({ text, values, types })).rows;
  };

  const streamVersion = async (streamId: string): Promise<number> =>
    (await query<{ v: number }>(`SELECT coalesce(max(version), 0) AS v FROM ${t} WHERE stream_id = $1`, [streamId]))[0]!.v;

  const headPosition = async (): Promise<number> =>
    (await query<{ p: number }>(`SELECT coalesce(max(position), 0) AS p FROM ${t}`))[0]!.p;

  /**
   * Events after `after` whose transactions are all finished: rows written by
   * a transaction id at or above the oldest running one are held back, and
   * since positions rise with transaction ids, what is returned is always a
   * gap-free prefix of the final log.
   */
  const fetchSafe = async (after: number, limit: number): Promise<StoredEvent[]> =>
    (
      await query<EventRow>(
        // The batch is taken in primary-key order first and filtered after: with
        // the transaction-id filter beside the LIMIT, the planner cannot guess
        // how many rows pass it and leaves the index order for a bitmap scan and
        // a sort (26 % slower here). Filtering after the LIMIT gives the same
        // rows: positions are reserved in transaction-id order, so the rows
        // below the oldest running transaction are a prefix in position order.
        // (No upper bound on position either, for the same reason.)
        `SELECT ${EVENT_COLUMNS} FROM (
           SELECT ${EVENT_COLUMNS}, transaction_id FROM ${t} WHERE position > $1 ORDER BY position LIMIT $2
         ) batch
         WHERE transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
         ORDER BY position`,
        [after, limit],
      )
    ).map(toStoredEvent);

  type Attempt = { ok: true; result: AppendResult } | { ok: false; actual?: number };
  /** `hashes`: the new events' hashes, 64 hex digits each, in one text. */
  type AppendRow = { head_version: number; head_hash: string | null; first_position: number | null; hashes: string | null };

  /**
   * The append's arguments: the type names, and the canonical texts core's
   * sealEvents hashes (`canonicalForms`: each type's JSON form and the RFC 8785
   * forms of data and meta; the server composes the envelope around them and
   * stores them as they are), each kind joined by newlines into one text. A
   * canonical form never holds a raw newline (JSON escapes control characters
   * in strings), so the server splits them back exactly.
   */
  interface Prepared {
    typeNames: string[];
    forms: CanonicalForms[];
  }
  const prepare = (events: NewEvent[]): Prepared => ({ typeNames: events.map((e) => e.type), forms: canonicalForms(events) });

  // A named statement: each pooled connection parses and plans it once.
  // (Names are cut at 63 bytes; the schema name has at most 48.)
  const appendStatement = {
    name: `cf_batch_${schema}`,
    text: `SELECT head_version, head_hash, first_position, hashes${extendTreeItem(schema)} FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7)`,
    types,
  };

  /** The stored events: what was sent plus the versions, positions and hashes the server assigned. */
  const stored = (streamId: string, p: Prepared, row: AppendRow): StoredEvent[] => {
    const first = row.first_position!;
    const hashes = row.hashes!;
    const events: StoredEvent[] = [];
    let prevHash = row.head_hash;
    for (let i = 0; i < p.typeNames.length; i++) {
      const hash = hashes.slice(i * 64, i * 64 + 64);
      const { data, meta } = p.forms[i]!;
      events.push(appendedEvent(streamId, row.head_version + i + 1, first + i, p.typeNames[i]!, data, meta, prevHash, hash));
      prevHash = hash;
    }
    return events;
  };

  /**
   * One round trip: append_batch in autocommit, so the statement is its own
   * transaction and the reply arrives after the commit.
   */
  const attemptAppend = async (streamId: string, p: Prepared, expected: ExpectedVersion): Promise<Attempt> => {
    const wanted = expected === 'any' ? null : expected === 'no-stream' ? 0 : expected;
    const values = [
      streamId,
      canonicalJson(streamId),
      wanted,
      p.typeNames,
      p.forms.map((f) => f.type).join('\n'),
      p.forms.map((f) => f.data).join('\n'),
      p.forms.map((f) => f.meta).join('\n'),
    ];
    if (hooks.afterReserve) return attemptInTransaction(streamId, p, values, hooks.afterReserve);
    let row: AppendRow;
    try {
      row = (await pool.query<AppendRow>({ ...appendStatement, values })).rows[0]!;
    } catch (e) {
      if ((e as { code?: string }).code === '23505') return { ok: false };
      throw e;
    }
    if (row.first_position === null) return { ok: false, actual: row.head_version };
    const events = stored(streamId, p, row);
    return { ok: true, result: { nextExpectedVersion: events[events.length - 1]!.version, events } };
  };

  /** The same inside an explicit transaction, held open by the test hook before COMMIT. */
  const attemptInTransaction = async (
    streamId: string,
    p: Prepared,
    values: unknown[],
    afterReserve: NonNullable<PostgresStoreHooks['afterReserve']>,
  ): Promise<Attempt> => {
    const client: PoolClient = await pool.connect();
    let healthy = false;
    try {
      await client.query('BEGIN');
      let row: AppendRow;
      try {
        row = (await client.query<AppendRow>({ ...appendStatement, values })).rows[0]!;
      } catch (e) {
        await client.query('ROLLBACK');
        healthy = true;
        if ((e as { code?: string }).code === '23505') return { ok: false };
        throw e;
      }
      if (row.first_position === null) {
        await client.query('ROLLBACK');
        healthy = true;
        return { ok: false, actual: row.head_version };
      }
      const events = stored(streamId, p, row);
      await afterReserve(streamId, events);
      await client.query('COMMIT');
      healthy = true;
      return { ok: true, result: { nextExpectedVersion: events[events.length - 1]!.version, events } };
    } finally {
      // A connection that failed mid-transaction is dropped, never reused.
      client.release(!healthy);
    }
  };

  const store: TransparentEventStore = {
    transparency: postgresTransparency(query, schema),

    async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
      validateAppend(streamId, events);
      const expected = options?.expectedVersion;
      checkExpected(expected);
      if (closed || !isMigrated) await ready();
      const prepared = prepare(events);
      for (let attempt = 0; ; attempt++) {
        const r = await attemptAppend(streamId, prepared, expected);
        if (r.ok) {
          signal.wake();
          signal.notifyOthers();
          // The stored events are fresh objects (data and meta parsed from their
          // canonical forms on first read) that the store keeps no reference to.
          return r.result;
        }
        // Lost a race for the version (unique key) or the head did not match.
        if (expected === 'any' && r.actual === undefined && attempt < ANY_RETRIES) continue;
        throw new ConcurrencyError(streamId, expected, r.actual ?? (await streamVersion(streamId)));
      }
    },

    async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
      const from = options.fromVersion ?? 1;
      const to = Math.min(options.toVersion ?? INT4_MAX, INT4_MAX);
      if (from > to) return [];
      const rows = await query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM ${t} WHERE stream_id = $1 AND version >= $2 AND version <= $3 ORDER BY version`,
        [streamId, Math.max(from, 1), to],
      );
      return rows.map(toStoredEvent);
    },

    async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
      const batchSize = options.batchSize ?? 500;
      let after = Math.max(0, (options.fromPosition ?? 1) - 1);
      // Everything committed before the call; events still held back behind an
      // open transaction are waited for, never skipped.
      const head = await headPosition();
      let backoff = 2;
      while (after < head) {
        if (closed) throw new Error('postgresStore is closed');
        const batch = await fetchSafe(after, batchSize);
        if (batch.length === 0) {
          await signal.wait(NEVER, backoff);
          backoff = Math.min(backoff * 2, pollIntervalMs);
          continue;
        }
        backoff = 2;
        for (const e of batch) {
          if (e.position > head) return;
          yield e;
        }
        after = batch[batch.length - 1]!.position;
      }
    },

    streamVersion: async (streamId: string) => streamVersion(streamId),

    subscribe(options: SubscribeOptions): Subscription {
      if (closed) throw new Error('postgresStore is closed');
      if (typeof options?.name !== 'string' || options.name.length === 0) {
        throw new ValidationError([{ path: ['name'], code: 'required', message: 'expected a non-empty subscription name' }], 'subscribe');
      }
      signal.listen();
      const sub = runSubscription(
        options.name,
        options.handler,
        {
          fetch: (after, limit) => fetchSafe(after, limit),
          headPosition,
          async loadCheckpoint(name) {
            return (await query<{ position: number }>(`SELECT position FROM "${schema}".subscriptions WHERE name = $1`, [name]))[0]?.position;
          },
          async saveCheckpoint(name, position) {
            await query(
              `INSERT INTO "${schema}".subscriptions (name, position) VALUES ($1, $2)
               ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
              [name, position],
            );
          },
          waitForChange: (abort) => signal.wait(abort),
        },
        options.from !== undefined ? { from: options.from } : {},
      );
      return subscriptions.track(sub);
    },

    async importEvents(events: StoredEvent[]): Promise<void> {
      if (!Array.isArray(events)) {
        throw new ValidationError([{ path: ['events'], code: 'invalid_type', message: 'expected an array of events' }], 'import');
      }
      if (events.length === 0) return;
      await ready();
      await importInTransaction(pool, schema, events);
      signal.wake();
      signal.notifyOthers();
    },

    async close(): Promise<void> {
      if (closed) return;
      await subscriptions.stopAll();
      closed = true;
      await signal.close();
      if (!shared) await pool.end();
    },
  };
  return store;
}

async function importInTransaction(pool: Pool, schema: string, events: StoredEvent[]): Promise<void> {
  const client = await pool.connect();
  let healthy = false;
  try {
    await client.query('BEGIN');
    const ids = [...new Set(events.map((e) => (e as { streamId?: unknown })?.streamId).filter((s) => typeof s === 'string'))];
    const heads = new Map<string, StreamHead>(
      (
        await client.query<{ stream_id: string; version: number; hash: string }>({
          text: `SELECT DISTINCT ON (stream_id) stream_id, version, hash FROM "${schema}".events
                  WHERE stream_id = ANY($1) ORDER BY stream_id, version DESC`,
          values: [ids],
          types,
        })
      ).rows.map((r) => [r.stream_id, { version: r.version, hash: r.hash }]),
    );
    const lastPosition = async () =>
      (
        await client.query<{ p: number }>({
          text: `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS p FROM "${schema}".event_position`,
          types,
        })
      ).rows[0]!.p;
    try {
      checkImport(events, heads, await lastPosition());
    } catch (e) {
      await client.query('ROLLBACK');
      healthy = true;
      throw e;
    }
    const positions = events.map((e) => e.position);
    const min = positions.reduce((a, b) => Math.min(a, b));
    const max = positions.reduce((a, b) => Math.max(a, b));
    const before = (
      await client.query<{ last: number }>({ text: `SELECT "${schema}".begin_import($1, $2) AS last`, values: [min, max], types })
    ).rows[0]!.last;
    if (before >= min) {
      await client.query('ROLLBACK');
      healthy = true;
      throw new ValidationError(
        [{ path: ['events', 0, 'position'], code: 'position_order', message: `expected positions above ${before}, found ${min}` }],
        'import',
      );
    }
    try {
      for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
        await client.query(insertStatement(schema, events.slice(i, i + ROWS_PER_INSERT)));
      }
    } catch (e) {
      await client.query('ROLLBACK');
      healthy = true;
      if ((e as { code?: string }).code === '23505') {
        throw new ValidationError(
          [{ path: ['events'], code: 'stream_moved', message: 'a stream of the import was appended to concurrently; nothing was imported' }],
          'import',
        );
      }
      throw e;
    }
    await client.query('COMMIT');
    healthy = true;
  } finally {
    client.release(!healthy);
  }
}
