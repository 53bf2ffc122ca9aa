import {
  CertflowError,
  ConcurrencyError,
  CorruptStoreError,
  StoreUnavailableError,
  NotFoundError,
  ValidationError,
  checkExpectedVersion,
  checkImport,
  commandClaims,
  commandConflict,
  runSubscription,
  subscriptionSet,
  sealEvents,
  type Actor,
  type AppendOptions,
  type ImportOptions,
  type AppendResult,
  type ExpectedVersion,
  type ImportTransaction,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedCommand,
  type StoredEvent,
  type StreamHead,
  type SubscribeOptions,
  type Subscription,
  type TransparentEventStore,
} from '@certflow/core';
import {
  checkErase,
  checkVaultRows,
  erasureEvent,
  erasureRecord,
  erasureStreamId,
  prepareAppend,
  refuseVaultRows,
  type ErasureRecord,
  type PersonalVault,
  type PersonalVaultRow,
} from '@certflow/core/store';
import { hasVault, openVault, type SqliteVault } from './vault.js';
import { StoreBusyError, StoreClosedError, StoreReadOnlyError } from './errors.js';
import { resolveOptions, type SqliteStoreOptions } from './options.js';
import { COMMAND_ID_SQL, leaveInRollbackMode, openDatabase, openDatabaseReadOnly } from './schema.js';
import { openTree } from './merkle.js';

export type { SqliteStoreOptions } from './options.js';

const COLUMNS = 'position, stream_id, version, type, data, meta, prev_hash, hash';
type Row = [number, string, number, string, string, string, string | null, string];

/** A stored row as an event; a row whose data or meta no longer parses is damage, named by its position, stream and version. */
function toEvent(file: string, r: Row): StoredEvent {
  const parse = (text: string, column: 'data' | 'meta'): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new CorruptStoreError(
        file,
        `the stored ${column} of an event is not valid JSON (${(cause as Error).message})`,
        {
          position: r[0],
          streamId: r[1],
          version: r[2],
          cause,
        },
      );
    }
  };
  return {
    streamId: r[1],
    version: r[2],
    position: r[0],
    type: r[3],
    data: parse(r[4], 'data') as StoredEvent['data'],
    meta: parse(r[5], 'meta') as StoredEvent['meta'],
    prevHash: r[6],
    hash: r[7],
  };
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

/** True for the error SQLite raises when a second writer takes a (stream, version) already taken. */
export function isStreamVersionConflict(err: unknown): boolean {
  return sqliteCode(err) === 'SQLITE_CONSTRAINT_UNIQUE' && /certflow_events\.stream_id/.test((err as Error).message);
}

/**
 * A durable event store in one SQLite file (better-sqlite3): WAL, one
 * `BEGIN IMMEDIATE` transaction per append, positions assigned in commit
 * order, subscription checkpoints in the same file. Several processes may
 * append to one file; writes queue on SQLite's lock for up to `busyTimeoutMs`.
 */
/** What the SQLite store offers beyond the event store contract. */
export interface SqliteEventStore extends TransparentEventStore {
  /**
   * Every event in position order, a batch (one query) at a time, each as
   * the JSON text of the event `readAll` yields (`JSON.stringify` of it:
   * streamId, version, position, type, data, meta, prevHash, hash), with
   * data and meta written exactly as stored when SQLite finds the stored
   * text strict JSON without a line break, else as `JSON.stringify` writes
   * the parsed value. Text the store wrote itself is the same either way;
   * what does not parse is damage, as in `readAll` (the events before it are
   * yielded first). An export reads it: no object is built for data or meta.
   */
  readAllJson(options?: ReadAllOptions): AsyncIterable<string[]>;
}

/** A string as JSON, skipping JSON.stringify when nothing needs escaping. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON must escape exactly these control characters
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quoted = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** Data or meta as stored, when SQLite found it strict JSON (`ok`) and it breaks no line. */
const storedJson = (text: unknown, ok: number): text is string =>
  ok === 1 && typeof text === 'string' && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;

export function sqliteStore(options: SqliteStoreOptions): SqliteEventStore {
  const opts = resolveOptions(options);
  const db = opts.readOnly ? openDatabaseReadOnly(opts) : openDatabase(opts);
  const file = opts.file;
  /** The first damage seen; once set, nothing more is appended to the file. */
  let damage: CorruptStoreError | undefined;
  const toEventChecked = (r: Row): StoredEvent => {
    try {
      return toEvent(file, r);
    } catch (e) {
      damage ??= e as CorruptStoreError;
      throw e;
    }
  };
  let tree: ReturnType<typeof openTree>;
  try {
    tree = openTree(db, () => assertOpen('transparency'));
  } catch (err) {
    db.close();
    throw err;
  }

  let vault: SqliteVault | undefined;
  try {
    // Read-only, a file without the vault's tables has no vault (nothing is created).
    vault = opts.personal && (!opts.readOnly || hasVault(db)) ? openVault(db, opts.readOnly) : undefined;
  } catch (err) {
    db.close();
    throw err;
  }

  const sql = {
    head: db
      .prepare('SELECT version, hash FROM certflow_events WHERE stream_id = ? ORDER BY version DESC LIMIT 1')
      .raw(),
    // The unique (stream_id, version) index alone answers it: no row is read.
    lastVersion: db.prepare('SELECT MAX(version) FROM certflow_events WHERE stream_id = ?').pluck(),
    // One index lookup per id of a JSON array, in its order.
    lastVersions: db
      .prepare(
        'SELECT (SELECT MAX(version) FROM certflow_events WHERE stream_id = ids.value) FROM json_each(?) AS ids ORDER BY ids.key',
      )
      .pluck(),
    maxPosition: db.prepare('SELECT COALESCE(MAX(position), 0) FROM certflow_events').pluck(),
    insert: db.prepare(`INSERT INTO certflow_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    readStream: db
      .prepare(
        `SELECT ${COLUMNS} FROM certflow_events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version`,
      )
      .raw(),
    readFrom: db.prepare(`SELECT ${COLUMNS} FROM certflow_events WHERE position >= ? ORDER BY position LIMIT ?`).raw(),
    // json_valid(X): 1 for strict RFC 8259 text only (no JSON5), the text JSON.parse takes.
    readFromJson: db
      .prepare(
        `SELECT ${COLUMNS}, json_valid(data), json_valid(meta) FROM certflow_events WHERE position >= ? ORDER BY position LIMIT ?`,
      )
      .raw(),
    // The first event recorded under a commandId with a fingerprint (the index serves the first condition).
    findCommand: db
      .prepare(
        `SELECT json_extract(meta, '$.commandFingerprint'), stream_id, position FROM certflow_events
          WHERE ${COMMAND_ID_SQL} = ? AND json_extract(meta, '$.commandFingerprint') IS NOT NULL ORDER BY position LIMIT 1`,
      )
      .raw(),
    loadCheckpoint: db.prepare('SELECT position FROM certflow_checkpoints WHERE name = ?').pluck(),
    saveCheckpoint: db.prepare(
      `INSERT INTO certflow_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
  };

  let closed = false;
  const listeners = new Set<() => void>();
  const subscriptions = subscriptionSet();

  const notify = () => {
    for (const l of [...listeners]) l();
  };
  /** Rolls back the import transaction open on this connection (beginImport), if one is. */
  let openImport: (() => void) | undefined;
  const assertOpen = (operation: string) => {
    if (closed) throw new StoreClosedError(file, operation);
    if (opts.readOnly && (operation === 'append' || operation === 'importEvents' || operation === 'subscribe')) {
      throw new StoreReadOnlyError(file, operation);
    }
    // A write on this connection while an import transaction is open would join it (and go with its rollback).
    if (openImport && (operation === 'append' || operation === 'importEvents'))
      throw new StoreBusyError(file, 0, operation);
  };
  const headOf = (streamId: string): StreamHead => {
    const row = sql.head.get(streamId) as [number, string] | undefined;
    return row ? { version: row[0], hash: row[1] } : { version: 0, hash: null };
  };
  const insertAll = (events: StoredEvent[]) => {
    for (const e of events) {
      sql.insert.run(
        e.position,
        e.streamId,
        e.version,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.meta),
        e.prevHash,
        e.hash,
      );
    }
    tree.add(events); // the Merkle tree, in the same transaction
  };
  /**
   * Every failure as a certflow error: a busy lock is StoreBusyError (a
   * StoreUnavailableError, `not-written`), damage
   * (`SQLITE_CORRUPT`, `SQLITE_NOTADB`) is CorruptStoreError and stops further
   * appends, a full disk (`SQLITE_FULL`) and any other failure are
   * StoreUnavailableError. SQLite rolls the transaction back on each of them,
   * so a write is `not-written`, save for an I/O error (`SQLITE_IOERR`), after
   * which the commit may have reached the disk (`unknown`).
   */
  const typed = (err: unknown, operation: string, write = false): CertflowError => {
    if (err instanceof CertflowError) {
      if (err instanceof CorruptStoreError) damage ??= err;
      return err;
    }
    const code = sqliteCode(err);
    const detail = err instanceof Error ? err.message : String(err);
    if (code.startsWith('SQLITE_BUSY'))
      return new StoreBusyError(file, opts.busyTimeoutMs, operation, { cause: err, driverCode: code });
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
      damage ??= new CorruptStoreError(file, detail, { cause: err });
      return damage;
    }
    const outcome = write && code.startsWith('SQLITE_IOERR') ? 'unknown' : 'not-written';
    return new StoreUnavailableError(operation, outcome, {
      cause: err,
      ...(code ? { driverCode: code } : {}),
      detail: `${file}: ${detail}`,
    });
  };
  const busy = (err: unknown, operation = 'append'): unknown => typed(err, operation, true);
  /** Runs a read, every failure typed. */
  const reading = <T>(operation: string, run: () => T): T => {
    try {
      return run();
    } catch (err) {
      throw typed(err, operation);
    }
  };
  const refuseIfDamaged = () => {
    if (damage) throw damage;
  };

  const recordedCommand = (commandId: string): RecordedCommand | undefined => {
    const row = sql.findCommand.get(commandId) as [string, string, number] | undefined;
    return row ? { commandId, fingerprint: String(row[0]), streamId: row[1], position: Number(row[2]) } : undefined;
  };

  const appendTx = db.transaction(
    (streamId: string, events: NewEvent[], expected: ExpectedVersion, personal: PersonalVaultRow[]): StoredEvent[] => {
      const head = headOf(streamId);
      checkExpectedVersion(streamId, expected, head.version);
      // Under the write lock: no other writer can record the same commandId meanwhile.
      for (const claim of commandClaims(events)) {
        const recorded = recordedCommand(claim.commandId);
        if (recorded && recorded.fingerprint !== claim.fingerprint)
          throw commandConflict(recorded, claim.fingerprint, streamId);
      }
      const base = sql.maxPosition.get() as number;
      const sealed = sealEvents(
        streamId,
        head,
        events.map((_, i) => base + i + 1),
        events,
      );
      if (personal.length > 0) vault!.write(streamId, head.version, personal); // the vault rows, in the same transaction
      insertAll(sealed);
      return sealed;
    },
  );

  const importTx = db.transaction((events: StoredEvent[], personal: PersonalVaultRow[]) => {
    const heads = new Map<string, StreamHead>();
    for (const e of events) {
      const id = (e as { streamId?: unknown })?.streamId;
      if (typeof id === 'string' && !heads.has(id)) {
        const head = headOf(id);
        if (head.version > 0) heads.set(id, head);
      }
    }
    checkImport(events, heads, sql.maxPosition.get() as number);
    if (personal.length > 0)
      vault!.write((events[0] as { streamId?: string } | undefined)?.streamId ?? '', 0, personal); // the vault rows, in the same transaction
    insertAll(events);
  });

  const eraseTx = db.transaction((subject: string, how: { reason: string; actor: Actor; at: Date }): ErasureRecord => {
    const streamId = erasureStreamId(subject);
    const recorded = (sql.readStream.all(streamId, 1, 1) as Row[])[0];
    if (recorded) return erasureRecord(toEventChecked(recorded));
    const rows = vault!.rows([subject]);
    if (rows.length === 0) throw new NotFoundError('personal-data subject', subject);
    const event = erasureEvent(
      subject,
      rows.map((r) => r.commitment),
      how,
    );
    const base = sql.maxPosition.get() as number;
    const [sealed] = sealEvents(streamId, { version: 0, hash: null }, [base + 1], [event]);
    vault!.drop(subject);
    insertAll([sealed!]);
    return erasureRecord(sealed!);
  });

  const vaultApi: PersonalVault | undefined = vault && {
    eraseSubject: async (subjectId, eraseOptions) => {
      assertOpen('append');
      const { subject, ...how } = checkErase(subjectId, eraseOptions);
      refuseIfDamaged();
      let record: ErasureRecord;
      try {
        record = eraseTx.immediate(subject, how);
        tree.commit();
      } catch (err) {
        tree.abort();
        throw busy(err, 'eraseSubject');
      }
      notify();
      return record;
    },
    resolve: async (idNumbers) => {
      assertOpen('vault.resolve');
      return reading('vault.resolve', () => vault!.resolve(idNumbers));
    },
    lookupKeys: async (values) => {
      assertOpen('vault.lookupKeys');
      return reading('vault.lookupKeys', () => vault!.lookupKeys(values));
    },
    rows: async (subjects) => {
      assertOpen('vault.rows');
      return reading('vault.rows', () => vault!.rows(subjects));
    },
  };

  return {
    transparency: tree.log,
    ...(vaultApi ? { vault: vaultApi } : {}),

    async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
      assertOpen('append');
      const { expectedVersion: expected } = prepareAppend(streamId, events, options);
      if (!vault) refuseVaultRows(options.personal);
      const personal = vault ? checkVaultRows(options.personal) : [];
      refuseIfDamaged();
      let sealed: StoredEvent[];
      try {
        sealed = appendTx.immediate(streamId, events, expected, personal);
        tree.commit();
      } catch (err) {
        tree.abort();
        // BEGIN IMMEDIATE serializes writers, so this only fires if something
        // else wrote the file without the lock; the unique key still holds.
        if (isStreamVersionConflict(err)) throw new ConcurrencyError(streamId, expected, headOf(streamId).version);
        throw busy(err);
      }
      notify();
      return { nextExpectedVersion: sealed[sealed.length - 1]!.version, events: sealed };
    },

    async findCommand(commandId: string): Promise<RecordedCommand | undefined> {
      assertOpen('findCommand');
      return reading('findCommand', () => recordedCommand(commandId));
    },

    async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
      assertOpen('readStream');
      return reading('readStream', () =>
        (
          sql.readStream.all(streamId, options.fromVersion ?? 1, options.toVersion ?? Number.MAX_SAFE_INTEGER) as Row[]
        ).map(toEventChecked),
      );
    },

    async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
      const size = readBatchSize(options);
      let from = options.fromPosition ?? 0;
      for (;;) {
        assertOpen('readAll');
        const rows = reading('readAll', () => sql.readFrom.all(from, size) as Row[]);
        for (const r of rows) yield reading('readAll', () => toEventChecked(r));
        if (rows.length < size) return;
        from = rows[rows.length - 1]![0] + 1;
      }
    },

    async *readAllJson(options: ReadAllOptions = {}): AsyncIterable<string[]> {
      const size = readBatchSize(options);
      let from = options.fromPosition ?? 0;
      for (;;) {
        assertOpen('readAll');
        const rows = reading('readAll', () => sql.readFromJson.all(from, size) as [...Row, number, number][]);
        const lines: string[] = [];
        let damaged: unknown;
        for (const r of rows) {
          const [position, streamId, version, type, data, meta, prevHash, hash, dataOk, metaOk] = r;
          if (
            storedJson(data, dataOk) &&
            storedJson(meta, metaOk) &&
            typeof streamId === 'string' &&
            typeof type === 'string' &&
            typeof hash === 'string' &&
            (prevHash === null || typeof prevHash === 'string') &&
            Number.isFinite(position) &&
            Number.isFinite(version)
          ) {
            lines.push(
              `{"streamId":${quoted(streamId)},"version":${version},"position":${position},"type":${quoted(type)},"data":${data},"meta":${meta},"prevHash":${prevHash === null ? 'null' : quoted(prevHash)},"hash":${quoted(hash)}}`,
            );
            continue;
          }
          try {
            lines.push(JSON.stringify(reading('readAll', () => toEventChecked(r.slice(0, 8) as Row))));
          } catch (e) {
            damaged = e;
            break;
          }
        }
        if (lines.length > 0) yield lines;
        if (damaged !== undefined) throw damaged;
        if (rows.length < size) return;
        from = rows[rows.length - 1]![0] + 1;
      }
    },

    async streamVersion(streamId: string): Promise<number> {
      assertOpen('streamVersion');
      return reading('streamVersion', () => (sql.lastVersion.get(streamId) as number | null) ?? 0);
    },

    async streamVersions(streamIds: readonly string[]): Promise<number[]> {
      assertOpen('streamVersions');
      if (streamIds.length === 0) return [];
      return reading('streamVersions', () =>
        (sql.lastVersions.all(JSON.stringify(streamIds)) as (number | null)[]).map((v) => v ?? 0),
      );
    },

    subscribe(options: SubscribeOptions): Subscription {
      assertOpen('subscribe');
      // Head position when the loop last fetched: an append that lands between
      // that fetch and the next wait must not go unnoticed until the next poll.
      let fetchedHead = 0;
      const inner = runSubscription(
        options.name,
        options.handler,
        {
          async fetch(after, limit) {
            return reading('subscription', () => {
              fetchedHead = sql.maxPosition.get() as number;
              const events: StoredEvent[] = [];
              for (const r of sql.readFrom.all(after + 1, limit) as Row[]) {
                try {
                  events.push(toEventChecked(r));
                } catch (e) {
                  // Hand over the events before a damaged one; the next fetch starts at it and fails.
                  if (events.length > 0) break;
                  throw e;
                }
              }
              return events;
            });
          },
          async headPosition() {
            return reading('subscription', () => sql.maxPosition.get() as number);
          },
          async loadCheckpoint(name) {
            return reading('subscription', () => sql.loadCheckpoint.get(name) as number | undefined);
          },
          async saveCheckpoint(name, position) {
            try {
              sql.saveCheckpoint.run(name, position, new Date().toISOString());
            } catch (err) {
              throw busy(err, 'subscription');
            }
          },
          // Woken at once by appends through this store; other processes'
          // appends are seen on the next poll.
          waitForChange(signal) {
            return new Promise<void>((resolve) => {
              if (signal.aborted || closed || (sql.maxPosition.get() as number) > fetchedHead) return resolve();
              const done = () => {
                clearTimeout(timer);
                listeners.delete(done);
                signal.removeEventListener('abort', done);
                resolve();
              };
              const timer = setTimeout(done, opts.pollIntervalMs);
              listeners.add(done);
              signal.addEventListener('abort', done, { once: true });
            });
          },
        },
        {
          ...(options.from !== undefined ? { from: options.from } : {}),
          ...(options.retry ? { retry: options.retry } : {}),
        },
      );
      return subscriptions.track(inner);
    },

    async importEvents(events: StoredEvent[], options: ImportOptions = {}): Promise<void> {
      assertOpen('importEvents');
      if (!Array.isArray(events)) {
        throw new ValidationError(
          [{ path: ['events'], code: 'invalid_type', message: 'expected an array of stored events' }],
          'import',
        );
      }
      if (!vault) refuseVaultRows(options.personal, 'import');
      const personal = vault ? vault.imported(options.personal) : [];
      refuseIfDamaged();
      try {
        importTx.immediate(events, personal);
        tree.commit();
      } catch (err) {
        tree.abort();
        throw busy(err, 'importEvents');
      }
      notify();
    },

    async beginImport(): Promise<ImportTransaction> {
      assertOpen('importEvents');
      refuseIfDamaged();
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (err) {
        throw busy(err, 'importEvents');
      }
      let open = true;
      const rollback = () => {
        if (!open) return;
        open = false;
        openImport = undefined;
        tree.abort();
        try {
          if (db.inTransaction) db.exec('ROLLBACK');
        } catch {
          // SQLite rolled the transaction back itself (the error that ended it was reported)
        }
      };
      openImport = rollback;
      const usable = () => {
        if (closed) throw new StoreClosedError(file, 'importEvents');
        if (!open) throw new StoreClosedError(file, 'importEvents');
      };
      return {
        async write(events: StoredEvent[]) {
          usable();
          if (!Array.isArray(events)) {
            rollback();
            throw new ValidationError(
              [{ path: ['events'], code: 'invalid_type', message: 'expected an array of stored events' }],
              'import',
            );
          }
          try {
            importTx(events, []); // a savepoint inside the open transaction: heads and positions include the earlier batches
            tree.commit(); // the next batch's leaves build on this one's frontier
          } catch (err) {
            rollback();
            throw busy(err, 'importEvents');
          }
        },
        async commit() {
          usable();
          try {
            db.exec('COMMIT');
          } catch (err) {
            rollback();
            throw busy(err, 'importEvents');
          }
          open = false;
          openImport = undefined;
          notify();
        },
        async rollback() {
          rollback();
        },
      };
    },

    async close(): Promise<void> {
      if (closed) return;
      openImport?.();
      closed = true;
      await subscriptions.stopAll();
      notify();
      if (!opts.readOnly && !damage) leaveInRollbackMode(db);
      db.close();
    },
  };
}

/** `readAll`'s batch size: a whole number above 0 (default 500), else a ValidationError. */
function readBatchSize(options: ReadAllOptions): number {
  const size = options.batchSize ?? 500;
  if (!Number.isInteger(size) || size < 1) {
    throw new ValidationError(
      [
        {
          path: ['options', 'batchSize'],
          code: 'invalid_number',
          message: `expected a whole number above 0, received ${String(size)}`,
        },
      ],
      'readAll',
    );
  }
  return size;
}
