import pg from 'pg';
import type { Pool, PoolClient, PoolConfig, QueryConfig } from 'pg';
import {
  CertflowError,
  ConcurrencyError,
  NotFoundError,
  StoreUnavailableError,
  ValidationError,
  checkImport,
  commandClaims,
  runSubscription,
  subscriptionSet,
  canonicalForms,
  canonicalJson,
  type AppendOptions,
  type ImportOptions,
  type AppendResult,
  type CanonicalForms,
  type ExpectedVersion,
  type ImportTransaction,
  type NewEvent,
  type RecordedCommand,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamHead,
  type SubscribeOptions,
  type Subscription,
  type TransparentEventStore,
  type ValidationIssue,
} from '@certflow/core';
import {
  checkErase,
  checkVaultRows,
  importedVaultRows,
  erasureEvent,
  erasureRecord,
  erasureStreamId,
  personalLookupKey,
  prepareAppend,
  refuseVaultRows,
  StoreClosedError,
  vaultRowsOf,
  vaultSubjects,
  type ErasureRecord,
  type PersonalVault,
  type PersonalVaultRow,
  type VaultEntry,
  type ResolvedSubject,
} from '@certflow/core/store';
import { randomBytes } from 'node:crypto';
import { ChangeSignal } from './changeSignal.js';
import {
  EVENT_COLUMNS,
  ROWS_PER_INSERT,
  appendedEvent,
  insertStatement,
  toStoredEvent,
  types,
  type EventRow,
} from './rows.js';
import { COMMAND_CONFLICT, POSITION_LOCK, checkSchemaName, migrate, schemaKey } from './schema.js';
import { ReadOnlyStoreError, checkReadable } from './readOnly.js';
import { driverCode, guardClient, toStoreError as classify } from './pgErrors.js';
import { MultiHostPool, parseHostList } from './multiHost.js';
import { extendTreeItem, postgresTransparency } from './merkle.js';

export interface PostgresStoreOptions {
  /**
   * e.g. `postgres://user@host:5432/db`. Needed unless `pool` is a `pg.Pool`.
   * Several hosts in libpq's form (`postgres://user@primary:5432,standby:5432/db?target_session_attrs=read-write`)
   * are tried in order, and with `target_session_attrs=read-write` only a
   * primary is used: after a failure the store looks again, so writers follow
   * a promoted standby. See docs/deployment.md.
   */
  connectionString?: string;
  /**
   * A hot standby (or any replica) for reads: `readStream`, `readAll` and the
   * subscriptions' reads go there; appends, imports, checkpoints and
   * `streamVersion` (which a writer's expectedVersion comes from) stay on
   * `connectionString`. Commits held back on the primary are held back on the
   * standby too, so no reader skips a late commit. With the primary's
   * `synchronous_commit = remote_apply` an acknowledged event is already
   * readable there. May list several hosts like `connectionString`.
   */
  replicaConnectionString?: string;
  /** The schema that holds the store's tables (created on first use). Default `certflow`. */
  schema?: string;
  /**
   * A `pg.Pool` to share (the store never ends it), or options for the pool the
   * store creates and owns (default `{ max: 10 }`).
   */
  pool?: Pool | Omit<PoolConfig, 'connectionString'>;
  /** How often idle subscriptions and held-back readers look for new events, in ms. Default 250. */
  pollIntervalMs?: number;
  /**
   * Read an existing log only (auditors): never creates or migrates the
   * schema (no DDL at all), so a role with only USAGE on the schema and
   * SELECT on `events` suffices. A schema without an events table throws
   * SchemaNotFoundError; append, import and subscribe throw ReadOnlyStoreError.
   */
  readOnly?: boolean;
  /**
   * Keep a personal-data vault (`store.vault`, in the schema `<schema>_personal`,
   * created by migration 8): the engine then writes format-2 events, each 身份证号
   * and name a token, the values in the vault, written in the append's
   * transaction. Read-only, the vault is read if the role may. Default false.
   */
  personal?: boolean;
  /** How long opening a connection may take before the call fails with StoreUnavailableError (`not-written`), in ms. Default 5,000. */
  connectTimeoutMs?: number;
  /**
   * How long one statement may run, in ms. Default 30,000. The server cancels
   * it (`statement_timeout`, for a pool the store owns); a server that does not
   * answer at all (frozen, or the network gone) is given up on by the client
   * 2,000 ms later and the connection dropped.
   */
  statementTimeoutMs?: number;
  /**
   * How long a whole append may take, waiting for a connection and retries
   * included, in ms. Default 60,000. When it runs out the append fails with
   * StoreUnavailableError: `not-written` if nothing was sent yet, else `unknown`.
   */
  appendTimeoutMs?: number;
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

const TIMEOUT_DEFAULTS = { connectTimeoutMs: 5_000, statementTimeoutMs: 30_000, appendTimeoutMs: 60_000 } as const;
/** How much longer than the statement timeout the client waits for a reply before dropping the connection. */
const READ_TIMEOUT_MARGIN_MS = 2_000;

function checkTimeouts(options: PostgresStoreOptions): {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  appendTimeoutMs: number;
} {
  const out = { ...TIMEOUT_DEFAULTS } as {
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    appendTimeoutMs: number;
  };
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(TIMEOUT_DEFAULTS) as (keyof typeof TIMEOUT_DEFAULTS)[]) {
    const v = (options as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= INT4_MAX) out[key] = v;
    else {
      issues.push({
        path: [key],
        code: 'invalid_number',
        message: `expected a whole number of milliseconds above 0, received ${JSON.stringify(v) ?? String(v)}`,
        expected: 'integer ≥ 1',
        received: JSON.stringify(v) ?? String(v),
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, 'postgresStore');
  return out;
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

export function postgresStoreWithHooks(
  options: PostgresStoreOptions,
  hooks: PostgresStoreHooks,
): TransparentEventStore {
  const schema = checkSchemaName(options.schema ?? 'certflow');
  const readOnly = options.readOnly === true;
  const timeouts = checkTimeouts(options ?? {});
  const readTimeoutMs = timeouts.statementTimeoutMs + READ_TIMEOUT_MARGIN_MS;
  const shared = isPool(options.pool);
  if (!shared && !options.connectionString) {
    throw new ValidationError(
      [
        {
          path: ['connectionString'],
          code: 'required',
          message: 'expected a connection string (or a pg.Pool as pool)',
        },
      ],
      'postgresStore',
    );
  }
  const poolConfig: PoolConfig = {
    max: 10,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    query_timeout: readTimeoutMs,
    keepAlive: true,
    ...(shared ? {} : (options.pool as PoolConfig | undefined)),
  };
  const hostList = shared ? undefined : parseHostList(options.connectionString!);
  const openPool = (connectionString: string): { pool: Pool; multi: MultiHostPool | undefined } => {
    const list = parseHostList(connectionString);
    if (list) {
      const multi = new MultiHostPool(list, poolConfig);
      return { pool: multi as unknown as Pool, multi };
    }
    return { pool: new pg.Pool({ ...poolConfig, connectionString }), multi: undefined };
  };
  const primary = shared ? { pool: options.pool as Pool, multi: undefined } : openPool(options.connectionString!);
  const pool: Pool = primary.pool;
  const replica = options.replicaConnectionString ? openPool(options.replicaConnectionString) : undefined;
  const readPool: Pool = replica?.pool ?? pool;
  // An idle connection dropped by the server: the pool replaces it. Every client
  // the pool opens also gets its own listener at once: a socket failure of a
  // client between checkout and release (or while pg-pool hands it over) emits
  // `error` on the client, which with no listener would end the process; the
  // failing query's rejection carries the failure.
  if (!shared) {
    pool.on('error', () => undefined);
    pool.on('connect', (client) => void guardClient(client));
  }
  replica?.pool.on('error', () => undefined);
  replica?.pool.on('connect', (client) => void guardClient(client));
  /** Classifies a failure; a store failure also makes a host list look for its primary again. */
  const toStoreError: typeof classify = (e, operation, write, phase) => {
    const err = classify(e, operation, write, phase);
    if (err instanceof StoreUnavailableError) {
      primary.multi?.suspect();
      replica?.multi?.suspect();
    }
    return err;
  };
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const signal = new ChangeSignal(
    pool,
    `certflow_${schema}`,
    options.connectionString && !hostList
      ? {
          connectionString: options.connectionString,
          connectionTimeoutMillis: timeouts.connectTimeoutMs,
          keepAlive: true,
        }
      : undefined,
    pollIntervalMs,
  );
  const t = `"${schema}".events`;
  const subscriptions = subscriptionSet();
  let closed = false;
  const closedError = (operation: string) => new StoreClosedError(`PostgreSQL schema ${schema}`, operation);

  let migrated: Promise<void> | undefined;
  /** True once the migrations ran: appends then skip awaiting `ready()`. */
  let isMigrated = false;
  const ready = (operation: string): Promise<void> => {
    if (closed) return Promise.reject(closedError(operation));
    migrated ??= (readOnly ? checkReadable(pool, schema) : migrate(pool, schema)).then(
      () => {
        isMigrated = true;
      },
      (e) => {
        migrated = undefined;
        throw e;
      },
    );
    // The migrations write only the schema and are idempotent: for the caller's
    // own write, nothing was sent yet.
    return migrated.catch((e: unknown) => {
      throw toStoreError(e, operation, false, 'connect');
    });
  };

  /** A statement that writes no event: every failure is a StoreUnavailableError (`not-written` for reads). */
  const query = async <R extends object>(
    operation: string,
    text: string,
    values: unknown[] = [],
    write = false,
    on: Pool = pool,
    name?: string,
  ): Promise<R[]> => {
    await ready(operation);
    try {
      return (
        await on.query<R>({
          text,
          values,
          types,
          query_timeout: readTimeoutMs,
          ...(name ? { name } : {}),
        } as QueryConfig)
      ).rows;
    } catch (e) {
      throw toStoreError(e, operation, write, 'sent');
    }
  };

  const streamVersion = async (streamId: string, operation = 'streamVersion'): Promise<number> =>
    (
      await query<{ v: number }>(operation, `SELECT coalesce(max(version), 0) AS v FROM ${t} WHERE stream_id = $1`, [
        streamId,
      ])
    )[0]!.v;

  /** The head as the reading server sees it (the replica, if there is one). */
  const headPosition = async (operation: string): Promise<number> =>
    (await query<{ p: number }>(operation, `SELECT coalesce(max(position), 0) AS p FROM ${t}`, [], false, readPool))[0]!
      .p;

  /**
   * Events after `after` whose transactions are all finished: rows written by
   * a transaction id at or above the oldest running one are held back, and
   * since positions rise with transaction ids, what is returned is always a
   * gap-free prefix of the final log.
   */
  const fetchSafe = async (operation: string, after: number, limit: number): Promise<StoredEvent[]> =>
    (
      await query<EventRow>(
        operation,
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
        false,
        readPool,
      )
    ).map(toStoredEvent);

  type Attempt = { ok: true; result: AppendResult } | { ok: false; actual?: number };
  /** `hashes`: the new events' hashes, 64 hex digits each, in one text. */
  type AppendRow = {
    head_version: number;
    head_hash: string | null;
    first_position: number | null;
    hashes: string | null;
  };

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
  const prepare = (events: NewEvent[]): Prepared => ({
    typeNames: events.map((e) => e.type),
    forms: canonicalForms(events),
  });

  // A named statement: each pooled connection parses and plans it once.
  // (Names are cut at 63 bytes; the schema name has at most 48.)
  const appendStatement = {
    name: `cf_batch_${schema}`,
    text: `SELECT head_version, head_hash, first_position, hashes${extendTreeItem(schema)} FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7)`,
    types,
  };

  // An append with vault rows, still one statement in autocommit: the subjects' rows go in only
  // if append_batch took the events (the same statement, so the same transaction); a lookup key
  // another writer took meanwhile (the same person made twice) is a unique violation, and so is a
  // subject another writer gave another salt or lookup key first (refuse_clash): both roll
  // everything back, a lost race the engine retries.
  const appendWithVaultStatement = {
    name: `cf_batch_vault_${schema}`,
    text: `WITH b AS MATERIALIZED (
             SELECT head_version, head_hash, first_position, hashes${extendTreeItem(schema)} FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7)
           ), ${givenSubjects(8)}, ${putSubjects(schema, 'b')}
           SELECT b.*, ${refuseClash(schema)} AS refused FROM b`,
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
      events.push(
        appendedEvent(streamId, row.head_version + i + 1, first + i, p.typeNames[i]!, data, meta, prevHash, hash),
      );
      prevHash = hash;
    }
    return events;
  };

  /** What one append call has done so far: whether a statement went out, and whether the caller gave up on it. */
  interface AppendRun {
    sent: boolean;
    abandoned: boolean;
  }

  /**
   * A connection for one append attempt. A failure here, or a deadline that
   * ran out while waiting for one, is before anything was sent.
   */
  const connectFor = async (run: AppendRun): Promise<PoolClient> => {
    let client: PoolClient;
    try {
      client = guardClient(await pool.connect());
    } catch (e) {
      throw toStoreError(e, 'append', true, 'connect');
    }
    if (run.abandoned || closed) {
      client.release();
      throw closed
        ? closedError('append')
        : new StoreUnavailableError('append', 'not-written', { detail: 'the append timed out' });
    }
    return client;
  };

  /** Runs one statement of an append; a failure after it was sent is classified by `toStoreError`. */
  const send = async <R extends object>(client: PoolClient, run: AppendRun, config: QueryConfig): Promise<R[]> => {
    run.sent = true;
    return (await client.query<R>({ ...config, query_timeout: readTimeoutMs } as QueryConfig)).rows;
  };

  /**
   * One round trip: append_batch in autocommit, so the statement is its own
   * transaction and the reply arrives after the commit.
   */
  const attemptAppend = async (
    streamId: string,
    p: Prepared,
    expected: ExpectedVersion,
    run: AppendRun,
    before?: (client: PoolClient) => Promise<void>,
    vaultRows?: PersonalVaultRow[],
  ): Promise<Attempt> => {
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
    if (before) return attemptWithVault(streamId, p, values, run, before);
    if (hooks.afterReserve && vaultRows?.length) {
      // The test seam's transaction: the rows go in with the same statement shape, before the events.
      return attemptWithVault(streamId, p, values, run, async (client) => {
        await client.query(
          `WITH ${givenSubjects(1)}, ${putSubjects(schema)} SELECT ${refuseClash(schema)} AS refused`,
          [subjectsParam(vaultRows)],
        );
      });
    }
    if (hooks.afterReserve) return attemptInTransaction(streamId, p, values, hooks.afterReserve, run);
    const client = await connectFor(run);
    let row: AppendRow;
    try {
      const statement =
        vaultRows && vaultRows.length > 0
          ? { ...appendWithVaultStatement, values: [...values, subjectsParam(vaultRows)] }
          : { ...appendStatement, values };
      row = (await send<AppendRow>(client, run, statement))[0]!;
    } catch (e) {
      if (driverCode(e) === '23505') {
        client.release();
        return { ok: false };
      }
      if (driverCode(e) === COMMAND_CONFLICT) {
        client.release();
        throw toStoreError(e, 'append', true, 'sent');
      }
      // A connection that failed is dropped, never reused.
      client.release(true);
      throw toStoreError(e, 'append', true, 'sent');
    }
    client.release();
    if (row.first_position === null) return { ok: false, actual: row.head_version };
    const events = stored(streamId, p, row);
    return { ok: true, result: { nextExpectedVersion: events[events.length - 1]!.version, events } };
  };

  /**
   * An append with work on the vault in the same transaction (`before`: vault
   * rows written, or a subject's rows deleted): BEGIN, the vault, append_batch,
   * COMMIT. A unique key taken meanwhile (another writer made the same person)
   * rolls everything back and is a lost race.
   */
  const attemptWithVault = async (
    streamId: string,
    p: Prepared,
    values: unknown[],
    run: AppendRun,
    before: (client: PoolClient) => Promise<void>,
  ): Promise<Attempt> => {
    const client = await connectFor(run);
    let healthy = false;
    let committing = false;
    try {
      await client.query('BEGIN');
      let row: AppendRow;
      try {
        await before(client);
        row = (await client.query<AppendRow>({ ...appendStatement, values })).rows[0]!;
      } catch (e) {
        await client.query('ROLLBACK');
        healthy = true;
        if (driverCode(e) === '23505') return { ok: false };
        if (e instanceof ConcurrencyError) throw e;
        throw e;
      }
      if (row.first_position === null) {
        await client.query('ROLLBACK');
        healthy = true;
        return { ok: false, actual: row.head_version };
      }
      committing = true;
      await send(client, run, { text: 'COMMIT' });
      healthy = true;
      const events = stored(streamId, p, row);
      return { ok: true, result: { nextExpectedVersion: events[events.length - 1]!.version, events } };
    } catch (e) {
      if (e instanceof ConcurrencyError) throw e;
      throw toStoreError(e, 'append', true, committing ? 'sent' : 'connect');
    } finally {
      client.release(!healthy);
    }
  };

  /** The same inside an explicit transaction, held open by the test hook before COMMIT. */
  const attemptInTransaction = async (
    streamId: string,
    p: Prepared,
    values: unknown[],
    afterReserve: NonNullable<PostgresStoreHooks['afterReserve']>,
    run: AppendRun,
  ): Promise<Attempt> => {
    const client = await connectFor(run);
    let healthy = false;
    // Until COMMIT is sent, a failure rolls the transaction back: nothing written.
    let committing = false;
    try {
      await client.query('BEGIN');
      let row: AppendRow;
      try {
        row = (await client.query<AppendRow>({ ...appendStatement, values })).rows[0]!;
      } catch (e) {
        await client.query('ROLLBACK');
        healthy = true;
        if (driverCode(e) === '23505') return { ok: false };
        throw e;
      }
      if (row.first_position === null) {
        await client.query('ROLLBACK');
        healthy = true;
        return { ok: false, actual: row.head_version };
      }
      const events = stored(streamId, p, row);
      await afterReserve(streamId, events);
      committing = true;
      await send(client, run, { text: 'COMMIT' });
      healthy = true;
      return { ok: true, result: { nextExpectedVersion: events[events.length - 1]!.version, events } };
    } catch (e) {
      throw toStoreError(e, 'append', true, committing ? 'sent' : 'connect');
    } finally {
      // A connection that failed mid-transaction is dropped, never reused.
      client.release(!healthy);
    }
  };

  /** The append's attempts (an `'any'` append retries a lost race), without the deadline. */
  const appendAttempts = async (
    streamId: string,
    prepared: Prepared,
    expected: ExpectedVersion,
    run: AppendRun,
    before?: (client: PoolClient) => Promise<void>,
    vaultRows?: PersonalVaultRow[],
  ): Promise<AppendResult> => {
    for (let attempt = 0; ; attempt++) {
      const r = await attemptAppend(streamId, prepared, expected, run, before, vaultRows);
      if (r.ok) return r.result;
      // Lost a race for the version (unique key) or the head did not match.
      if (expected === 'any' && r.actual === undefined && attempt < ANY_RETRIES && !before && !vaultRows?.length)
        continue;
      throw new ConcurrencyError(streamId, expected, r.actual ?? (await streamVersion(streamId, 'append')));
    }
  };

  // The personal-data vault (option `personal`), in "<schema>_personal".
  const personal = options.personal === true;
  const vs = `"${schema}_personal"`;
  let secretLoaded: Promise<Buffer> | undefined;
  const vaultSecret = (): Promise<Buffer> => {
    secretLoaded ??= (async () => {
      if (!readOnly)
        await query(
          'vault',
          `INSERT INTO ${vs}.secret (one, secret) VALUES (1, $1) ON CONFLICT (one) DO NOTHING`,
          [randomBytes(32)],
          true,
        );
      const rows = await query<{ secret: Buffer }>('vault', `SELECT secret FROM ${vs}.secret WHERE one = 1`);
      if (!rows[0]) throw new StoreUnavailableError('vault', 'not-written', { detail: `${vs}.secret holds no secret` });
      return rows[0].secret;
    })().catch((e: unknown) => {
      secretLoaded = undefined;
      throw e;
    });
    return secretLoaded;
  };
  type SubjectRow = {
    subject: string;
    id_salt: string | null;
    name_salt: string | null;
    entries: Record<string, [VaultEntry[0], unknown, string | null, string?]>;
  };
  /** A subject's row as vault rows (entries map each commitment to kind, value, lookup key and, rarely, a salt). */
  const rowsOfSubject = (r: SubjectRow): PersonalVaultRow[] =>
    vaultRowsOf(
      r.subject,
      { 'id-number': r.id_salt, name: r.name_salt },
      Object.entries(r.entries).map(([commitment, [kind, value, lookup, salt]]): VaultEntry => {
        const e: VaultEntry = [kind, commitment, value, lookup];
        if (salt !== undefined) e.push(salt);
        return e;
      }),
    );
  const vault: PersonalVault | undefined = personal
    ? {
        async resolve(idNumbers) {
          const secret = await vaultSecret();
          const keys = idNumbers.map((v) => personalLookupKey(secret, 'id-number', v));
          // One round trip: each lookup key's subject with the subject's salt of each kind.
          const found = await query<{
            lookup: string;
            subject: string;
            id_salt: string | null;
            name_salt: string | null;
          }>(
            'vault.resolve',
            `SELECT lookup, subject, id_salt, name_salt FROM ${vs}.subjects WHERE lookup = ANY($1::text[])`,
            [keys],
          );
          const byLookup = new Map(found.map((r) => [r.lookup, r]));
          const out = new Map<string, ResolvedSubject>();
          idNumbers.forEach((value, n) => {
            const lookup = keys[n]!;
            const f = byLookup.get(lookup);
            const r: ResolvedSubject = { lookup, salts: {} };
            if (f) {
              r.subject = f.subject;
              if (f.id_salt !== null) r.salts['id-number'] = f.id_salt;
              if (f.name_salt !== null) r.salts.name = f.name_salt;
            }
            out.set(value, r);
          });
          return out;
        },
        async lookupKeys(values) {
          const secret = await vaultSecret();
          return values.map((v) => personalLookupKey(secret, v.kind, v.value));
        },
        async rows(subjects) {
          const cols = 'subject, id_salt, name_salt, entries';
          const order = 'ORDER BY subject COLLATE "C"';
          const rows = subjects
            ? await query<SubjectRow>(
                'vault.rows',
                `SELECT ${cols} FROM ${vs}.subjects WHERE subject = ANY($1::text[]) ${order}`,
                [[...subjects]],
              )
            : await query<SubjectRow>('vault.rows', `SELECT ${cols} FROM ${vs}.subjects ${order}`);
          return rows.flatMap(rowsOfSubject);
        },
        async eraseSubject(subjectId, eraseOptions): Promise<ErasureRecord> {
          if (readOnly) throw new ReadOnlyStoreError(schema, 'eraseSubject');
          const { subject, ...how } = checkErase(subjectId, eraseOptions);
          const streamId = erasureStreamId(subject);
          const recorded = async () => {
            const first = (
              await query<EventRow>(
                'eraseSubject',
                `SELECT ${EVENT_COLUMNS} FROM ${t} WHERE stream_id = $1 AND version = 1`,
                [streamId],
              )
            )[0];
            return first ? erasureRecord(toStoredEvent(first)) : undefined;
          };
          const before = await recorded();
          if (before) return before;
          const rows = await vault!.rows([subject]);
          if (rows.length === 0) throw new NotFoundError('personal-data subject', subject);
          const prepared = prepare([
            erasureEvent(
              subject,
              rows.map((r) => r.commitment),
              how,
            ),
          ]);
          const run: AppendRun = { sent: false, abandoned: false };
          try {
            const result = await appendAttempts(streamId, prepared, 'no-stream', run, async (client) => {
              await client.query(`DELETE FROM ${vs}.subjects WHERE subject = $1`, [subject]);
            });
            signal.wake();
            signal.notifyOthers();
            return erasureRecord(result.events[0]!);
          } catch (e) {
            // Erased meanwhile by another process: its record.
            if (e instanceof ConcurrencyError) {
              const other = await recorded();
              if (other) return other;
            }
            throw e;
          }
        },
      }
    : undefined;

  const store: TransparentEventStore = {
    ...(vault ? { vault } : {}),
    transparency: postgresTransparency(
      (text, values, name) => query('transparency', text, values, false, pool, name),
      schema,
      { readOnly },
    ),

    async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
      if (readOnly) throw new ReadOnlyStoreError(schema, 'append');
      // expectedVersion is an int4 column here: at most 2^31−1.
      const { expectedVersion: expected } = prepareAppend(streamId, events, options, INT4_MAX);
      if (!personal) refuseVaultRows(options.personal);
      const rows = personal ? checkVaultRows(options.personal) : [];
      commandClaims(events); // a batch recording two commands under one id is refused before anything is sent
      if (closed || !isMigrated) await ready('append');
      const prepared = prepare(events);
      const run: AppendRun = { sent: false, abandoned: false };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          run.abandoned = true;
          reject(
            new StoreUnavailableError('append', run.sent ? 'unknown' : 'not-written', {
              driverCode: 'TIMEOUT',
              detail: `no answer within appendTimeoutMs (${timeouts.appendTimeoutMs} ms)`,
            }),
          );
        }, timeouts.appendTimeoutMs);
      });
      let result: AppendResult;
      try {
        result = await Promise.race([appendAttempts(streamId, prepared, expected, run, undefined, rows), deadline]);
      } finally {
        clearTimeout(timer);
      }
      signal.wake();
      signal.notifyOthers();
      // The stored events are fresh objects (data and meta parsed from their
      // canonical forms on first read) that the store keeps no reference to.
      return result;
    },

    async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
      const from = options.fromVersion ?? 1;
      const to = Math.min(options.toVersion ?? INT4_MAX, INT4_MAX);
      if (from > to) return [];
      const rows = await query<EventRow>(
        'readStream',
        `SELECT ${EVENT_COLUMNS} FROM ${t} WHERE stream_id = $1 AND version >= $2 AND version <= $3 ORDER BY version`,
        [streamId, Math.max(from, 1), to],
        false,
        readPool,
      );
      return rows.map(toStoredEvent);
    },

    async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
      const batchSize = options.batchSize ?? 500;
      let after = Math.max(0, (options.fromPosition ?? 1) - 1);
      // Everything committed before the call; events still held back behind an
      // open transaction are waited for, never skipped.
      const head = await headPosition('readAll');
      let backoff = 2;
      while (after < head) {
        if (closed) throw closedError('readAll');
        const batch = await fetchSafe('readAll', after, batchSize);
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

    // Many streams in one statement, in the order asked (replay asks it for each batch of streams it meets):
    // each id's last version read from the (stream_id, version) index, as streamVersion reads one.
    streamVersions: async (streamIds: readonly string[]) =>
      (
        await query<{ v: number }>(
          'streamVersions',
          `SELECT coalesce((SELECT max(e.version) FROM ${t} e WHERE e.stream_id = k.id), 0) AS v
             FROM unnest($1::text[]) WITH ORDINALITY AS k(id, o) ORDER BY k.o`,
          [streamIds],
        )
      ).map((r) => Number(r.v)),

    async findCommand(commandId: string): Promise<RecordedCommand | undefined> {
      // On the primary (not a replica): what the next append there will be checked against. A
      // read-only store may face a schema from before migration 5: the same expression, unindexed.
      const commandId_ = readOnly
        ? `CASE WHEN strpos(meta::text, chr(92) || 'u0000') = 0 THEN meta->>'commandId' END`
        : `"${schema}".command_id(meta)`;
      const rows = await query<{ fingerprint: string; stream_id: string; position: string | number }>(
        'findCommand',
        // OFFSET 0: the lookup stays on the commandId index (see migration 5).
        `SELECT fingerprint, stream_id, position FROM (
           SELECT meta->>'commandFingerprint' AS fingerprint, stream_id, position FROM ${t}
            WHERE ${commandId_} = $1 AND meta->>'commandFingerprint' IS NOT NULL OFFSET 0) c
          ORDER BY position LIMIT 1`,
        [commandId],
      );
      const r = rows[0];
      return r
        ? { commandId, fingerprint: r.fingerprint, streamId: r.stream_id, position: Number(r.position) }
        : undefined;
    },

    subscribe(options: SubscribeOptions): Subscription {
      if (closed) throw closedError('subscribe');
      if (readOnly) throw new ReadOnlyStoreError(schema, 'subscribe');
      if (typeof options?.name !== 'string' || options.name.length === 0) {
        throw new ValidationError(
          [{ path: ['name'], code: 'required', message: 'expected a non-empty subscription name' }],
          'subscribe',
        );
      }
      signal.listen();
      const sub = runSubscription(
        options.name,
        options.handler,
        {
          fetch: (after, limit) => fetchSafe('subscription', after, limit),
          headPosition: () => headPosition('subscription'),
          async loadCheckpoint(name) {
            return (
              await query<{ position: number }>(
                'subscription',
                `SELECT position FROM "${schema}".subscriptions WHERE name = $1`,
                [name],
              )
            )[0]?.position;
          },
          async saveCheckpoint(name, position) {
            await query(
              'subscription',
              `INSERT INTO "${schema}".subscriptions (name, position) VALUES ($1, $2)
               ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
              [name, position],
              true,
            );
          },
          waitForChange: (abort) => signal.wait(abort),
        },
        {
          ...(options.from !== undefined ? { from: options.from } : {}),
          ...(options.retry ? { retry: options.retry } : {}),
        },
      );
      return subscriptions.track(sub);
    },

    async importEvents(events: StoredEvent[], options: ImportOptions = {}): Promise<void> {
      if (readOnly) throw new ReadOnlyStoreError(schema, 'importEvents');
      if (!Array.isArray(events)) {
        throw new ValidationError(
          [{ path: ['events'], code: 'invalid_type', message: 'expected an array of events' }],
          'import',
        );
      }
      if (!personal) refuseVaultRows(options.personal, 'import');
      checkVaultRows(options.personal, 'import');
      if (events.length === 0) return;
      await ready('importEvents');
      const rows = personal && options.personal?.length ? importedVaultRows(await vaultSecret(), options.personal) : [];
      await importInTransaction(pool, schema, events, toStoreError, rows);
      signal.wake();
      signal.notifyOthers();
    },

    async beginImport(): Promise<ImportTransaction> {
      if (readOnly) throw new ReadOnlyStoreError(schema, 'importEvents');
      await ready('importEvents');
      return openImportTransaction(pool, schema, toStoreError, closedError, () => {
        signal.wake();
        signal.notifyOthers();
      });
    },

    async close(): Promise<void> {
      if (closed) return;
      await subscriptions.stopAll();
      closed = true;
      await signal.close();
      if (!shared) await pool.end();
      await replica?.pool.end();
    },
  };
  return store;
}

/**
 * One transaction, on one client, over the batches of an import
 * (`beginImport`). The position lock is taken for the whole transaction (and
 * the transaction id assigned under it, as `begin_import` does), so no append
 * takes a position meanwhile: appends wait for the commit or the rollback.
 * Each batch is checked as `importEvents` checks one, against the heads read
 * inside the transaction (earlier batches included) and above the highest
 * position so far. The sequence, which no rollback puts back, is moved past
 * the imported positions only just before COMMIT, so a refused import leaves
 * the schema as it was.
 */
async function openImportTransaction(
  pool: Pool,
  schema: string,
  toStoreError: typeof classify,
  closedError: (operation: string) => CertflowError,
  committed: () => void,
): Promise<ImportTransaction> {
  let client: PoolClient;
  try {
    client = guardClient(await pool.connect());
  } catch (e) {
    throw toStoreError(e, 'importEvents', true, 'connect');
  }
  let open = true;
  let last = 0;
  let written = 0;
  const end = async (healthy: boolean) => {
    if (!open) return;
    open = false;
    if (healthy) {
      try {
        await client.query('ROLLBACK');
      } catch {
        healthy = false;
      }
    }
    client.release(!healthy);
  };
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${POSITION_LOCK}, ${schemaKey(schema)})`);
    await client.query('SELECT pg_current_xact_id()');
    last = (
      await client.query<{ p: number }>({
        text: `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS p FROM "${schema}".event_position`,
        types,
      })
    ).rows[0]!.p;
  } catch (e) {
    await end(false);
    throw toStoreError(e, 'importEvents', true, 'connect');
  }
  const usable = () => {
    if (!open) throw closedError('importEvents');
  };
  return {
    async write(events: StoredEvent[]) {
      usable();
      if (!Array.isArray(events)) {
        await end(true);
        throw new ValidationError(
          [{ path: ['events'], code: 'invalid_type', message: 'expected an array of events' }],
          'import',
        );
      }
      if (events.length === 0) return;
      try {
        const ids = [
          ...new Set(events.map((e) => (e as { streamId?: unknown })?.streamId).filter((s) => typeof s === 'string')),
        ];
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
        checkImport(events, heads, last);
        for (let i = 0; i < events.length; i += ROWS_PER_INSERT)
          await client.query(insertStatement(schema, events.slice(i, i + ROWS_PER_INSERT)));
      } catch (e) {
        await end(e instanceof CertflowError || driverCode(e) !== undefined);
        throw toStoreError(e, 'importEvents', true, 'connect');
      }
      last = Math.max(last, ...events.map((e) => e.position));
      written += events.length;
    },
    async commit() {
      usable();
      let committing = false;
      try {
        if (written > 0)
          await client.query({ text: `SELECT setval('"${schema}".event_position', $1)`, values: [last] });
        committing = true;
        await client.query('COMMIT');
      } catch (e) {
        await end(!committing);
        throw toStoreError(e, 'importEvents', true, committing ? 'sent' : 'connect');
      }
      open = false;
      client.release();
      committed();
    },
    async rollback() {
      await end(true);
    },
  };
}

async function importInTransaction(
  pool: Pool,
  schema: string,
  events: StoredEvent[],
  toStoreError: typeof classify,
  vaultRows: PersonalVaultRow[] = [],
): Promise<void> {
  let client: PoolClient;
  try {
    client = guardClient(await pool.connect());
  } catch (e) {
    throw toStoreError(e, 'importEvents', true, 'connect');
  }
  let healthy = false;
  // Until COMMIT is sent, a failure rolls the import back: nothing written.
  let committing = false;
  try {
    await client.query('BEGIN');
    const ids = [
      ...new Set(events.map((e) => (e as { streamId?: unknown })?.streamId).filter((s) => typeof s === 'string')),
    ];
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
      await client.query<{ last: number }>({
        text: `SELECT "${schema}".begin_import($1, $2) AS last`,
        values: [min, max],
        types,
      })
    ).rows[0]!.last;
    if (before >= min) {
      await client.query('ROLLBACK');
      healthy = true;
      throw new ValidationError(
        [
          {
            path: ['events', 0, 'position'],
            code: 'position_order',
            message: `expected positions above ${before}, found ${min}`,
          },
        ],
        'import',
      );
    }
    if (vaultRows.length > 0) {
      // The vault rows, in the same transaction: refused (nothing written) if a row gives a
      // subject another salt, or a 身份证号 (its lookup key) another subject, than the vault holds.
      try {
        await client.query(
          `WITH ${givenSubjects(1)}, ${putSubjects(schema)} SELECT ${refuseClash(schema)} AS refused`,
          [subjectsParam(vaultRows)],
        );
      } catch (e) {
        await client.query('ROLLBACK');
        healthy = true;
        if (driverCode(e) === '23505') throw new ConcurrencyError(events[0]!.streamId, 0, 0);
        throw e;
      }
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
          [
            {
              path: ['events'],
              code: 'stream_moved',
              message: 'a stream of the import was appended to concurrently; nothing was imported',
            },
          ],
          'import',
        );
      }
      throw e;
    }
    committing = true;
    await client.query('COMMIT');
    healthy = true;
  } catch (e) {
    throw toStoreError(e, 'importEvents', true, committing ? 'sent' : 'connect');
  } finally {
    client.release(!healthy);
  }
}

/**
 * The vault rows of an append as one JSON parameter: an array with an element
 * per subject, `[subject, lookup key, salt of id-number, salt of name, entries]`
 * (entries: each commitment to kind, value, lookup key and, when it is not the
 * subject's salt of its kind, the salt), the columns of
 * `<schema>_personal.subjects`. One text the server parses once: five arrays
 * (one of jsonb) cost the client an escape of every entry and the server an
 * array parse each.
 */
function subjectsParam(rows: readonly PersonalVaultRow[]): string {
  const out: unknown[] = [];
  for (const [subject, s] of vaultSubjects(rows)) {
    const entries: Record<string, unknown[]> = {};
    for (const [kind, commitment, value, lookup, salt] of s.entries)
      entries[commitment] = salt === undefined ? [kind, value, lookup] : [kind, value, lookup, salt];
    out.push([subject, s.lookup, s.salts['id-number'] ?? null, s.salts.name ?? null, entries]);
  }
  return JSON.stringify(out);
}

/** A CTE `g`: the subjects of parameter `$param` (`subjectsParam`) as rows of the columns of `<schema>_personal.subjects`. */
function givenSubjects(param: number): string {
  return `g AS MATERIALIZED (
             SELECT e->>0 AS subject, e->>1 AS lookup, e->>2 AS id_salt, e->>3 AS name_salt, e->4 AS entries
               FROM jsonb_array_elements($${param}::jsonb) AS e
           )`;
}

/**
 * A CTE `ins` writing the subjects of the CTE `g` (`givenSubjects`): new
 * subjects inserted, known ones given the salts and lookup key they lack and
 * the entries they do not hold. With `gate`, only if the CTE of that name took
 * the events.
 */
function putSubjects(schema: string, gate?: string): string {
  return `ins AS (
             INSERT INTO "${schema}_personal".subjects AS t (subject, lookup, id_salt, name_salt, entries)
             SELECT g.subject, g.lookup, g.id_salt, g.name_salt, g.entries FROM g${gate ? `, ${gate} WHERE ${gate}.first_position IS NOT NULL` : ''}
             ON CONFLICT (subject) DO UPDATE SET
               lookup = COALESCE(t.lookup, excluded.lookup),
               id_salt = COALESCE(t.id_salt, excluded.id_salt),
               name_salt = COALESCE(t.name_salt, excluded.name_salt),
               entries = excluded.entries || t.entries
             RETURNING t.subject, t.lookup, t.id_salt, t.name_salt
           )`;
}

/** A scalar that raises unique_violation (23505) if `ins` left a subject with another salt or lookup key than `g` gave. */
function refuseClash(schema: string): string {
  return `(SELECT "${schema}_personal".refuse_clash() FROM ins
            JOIN g ON g.subject = ins.subject
           WHERE ins.lookup IS DISTINCT FROM COALESCE(g.lookup, ins.lookup)
              OR ins.id_salt IS DISTINCT FROM COALESCE(g.id_salt, ins.id_salt)
              OR ins.name_salt IS DISTINCT FROM COALESCE(g.name_salt, ins.name_salt)
           LIMIT 1)`;
}
