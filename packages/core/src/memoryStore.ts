import type { NewEvent, StoredEvent } from './event.js';
import {
  checkExpectedVersion,
  type AppendOptions,
  type AppendResult,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from './eventStore.js';
import { runSubscription } from './subscriptionRunner.js';
import { prepareAppend, sealEvents } from './validateEvents.js';
import { StoreClosedError } from './errors.js';
import { checkImport } from './importEvents.js';
import { commandClaims, commandConflict, type RecordedCommand } from './commandClaims.js';
import { memoryTransparencyLog } from './transparency/memoryTree.js';
import type { TransparentEventStore } from './transparency/log.js';
import { randomBytes } from 'node:crypto';
import { ConcurrencyError, NotFoundError } from './errors.js';
import {
  checkErase,
  erasureEvent,
  erasureRecord,
  erasureStreamId,
  type EraseOptions,
  type ErasureRecord,
  checkVaultRows,
  personalLookupKey,
  refuseVaultRows,
  type PersonalVault,
  type PersonalVaultRow,
  type ResolvedSubject,
} from './personal/format2.js';
import type { PersonalKind } from './personal/fields.js';

export interface MemoryStoreOptions {
  /**
   * Keep a personal-data vault (`store.vault`): the engine then writes
   * format-2 events, personal values as tokens. `secret` keys the vault's
   * lookup from 身份证号 to subject (default: 32 random bytes).
   */
  personal?: boolean | { secret?: Uint8Array };
}

/** The vault of a store held in memory. */
interface MemoryVault extends Omit<PersonalVault, 'eraseSubject'> {
  /** Refuses rows that clash with the vault (ConcurrencyError on `streamId`); else returns the rows to write. */
  check(streamId: string, version: number, rows: PersonalVaultRow[]): PersonalVaultRow[];
  write(rows: PersonalVaultRow[]): void;
  /** Drops a subject's rows, salts and lookup keys. */
  drop(subject: string): void;
}

function memoryVault(secret: Uint8Array): MemoryVault {
  const byCommitment = new Map<string, PersonalVaultRow>();
  const lookups = new Map<string, string>();
  const salts = new Map<string, string>();
  const saltKey = (subject: string, kind: PersonalKind) => `${subject}\u0000${kind}`;
  return {
    async resolve(idNumbers) {
      const out = new Map<string, ResolvedSubject>();
      for (const value of idNumbers) {
        const lookup = personalLookupKey(secret, 'id-number', value);
        const subject = lookups.get(lookup);
        const found: ResolvedSubject = { lookup, salts: {} };
        if (subject !== undefined) {
          found.subject = subject;
          for (const kind of ['id-number', 'name'] as const) {
            const salt = salts.get(saltKey(subject, kind));
            if (salt !== undefined) found.salts[kind] = salt;
          }
        }
        out.set(value, found);
      }
      return out;
    },
    async lookupKeys(values) {
      return values.map((v) => personalLookupKey(secret, v.kind, v.value));
    },
    async rows(subjects) {
      const wanted = subjects ? new Set(subjects) : undefined;
      return [...byCommitment.values()]
        .filter((r) => !wanted || wanted.has(r.subject))
        .map((r) => structuredClone(r))
        .sort((a, b) => (a.subject + a.kind + a.commitment < b.subject + b.kind + b.commitment ? -1 : 1));
    },
    check(streamId, version, rows) {
      const fresh: PersonalVaultRow[] = [];
      const lookupsNow = new Map<string, string>();
      const saltsNow = new Map<string, string>();
      for (const r of rows) {
        if (byCommitment.has(r.commitment)) continue;
        const salt = salts.get(saltKey(r.subject, r.kind)) ?? saltsNow.get(saltKey(r.subject, r.kind));
        const owner = r.lookup === null ? undefined : (lookups.get(r.lookup) ?? lookupsNow.get(r.lookup));
        // Another writer made this person, or this subject's salt, first: the caller resolves again.
        if ((salt !== undefined && salt !== r.salt) || (owner !== undefined && owner !== r.subject))
          throw new ConcurrencyError(streamId, version, version);
        saltsNow.set(saltKey(r.subject, r.kind), r.salt);
        if (r.lookup !== null) lookupsNow.set(r.lookup, r.subject);
        fresh.push(structuredClone(r));
      }
      return fresh;
    },
    drop(subject) {
      for (const [c, r] of byCommitment) {
        if (r.subject !== subject) continue;
        byCommitment.delete(c);
        salts.delete(saltKey(subject, r.kind));
        if (r.lookup !== null) lookups.delete(r.lookup);
      }
    },
    write(rows) {
      for (const r of rows) {
        byCommitment.set(r.commitment, r);
        salts.set(saltKey(r.subject, r.kind), r.salt);
        if (r.lookup !== null) lookups.set(r.lookup, r.subject);
      }
    },
  };
}

/**
 * An event store held in memory: for tests, demos and short-lived tools.
 * Appends are atomic (a batch is sealed before anything is written) and
 * events are deep-copied in and out, so callers cannot change the log.
 */
export function memoryStore(options: MemoryStoreOptions = {}): TransparentEventStore {
  const vault = options.personal
    ? memoryVault((typeof options.personal === 'object' ? options.personal.secret : undefined) ?? randomBytes(32))
    : undefined;
  // Each event is kept as its JSON text: reading parses a fresh copy (about
  // twice as fast as structuredClone), and nothing a caller holds can reach
  // what is stored.
  interface Entry {
    streamId: string;
    version: number;
    position: number;
    hash: string;
    json: string;
  }
  const all: Entry[] = [];
  const streams = new Map<string, Entry[]>();
  const checkpoints = new Map<string, number>();
  // commandId → the first event recorded under it with a fingerprint.
  const commands = new Map<string, RecordedCommand>();
  let listeners: Array<() => void> = [];
  let closed = false;
  // The Merkle tree over the log (leaf i = i-th event written), kept as events are written.
  const tree = memoryTransparencyLog();

  const notify = () => {
    const ls = listeners;
    listeners = [];
    ls.forEach((l) => void l());
  };
  const assertOpen = (operation: string) => {
    if (closed) throw new StoreClosedError('memoryStore', operation);
  };
  const read = (e: Entry): StoredEvent => JSON.parse(e.json) as StoredEvent;

  const write = (events: StoredEvent[]) => {
    for (const e of events) {
      const entry: Entry = {
        streamId: e.streamId,
        version: e.version,
        position: e.position,
        hash: e.hash,
        json: JSON.stringify(e),
      };
      all.push(entry);
      const s = streams.get(e.streamId) ?? [];
      s.push(entry);
      streams.set(e.streamId, s);
      tree.add(e.position, e.hash);
      const fingerprint = e.meta.commandFingerprint;
      if (typeof fingerprint === 'string' && !commands.has(e.meta.commandId)) {
        commands.set(e.meta.commandId, {
          commandId: e.meta.commandId,
          fingerprint,
          streamId: e.streamId,
          position: e.position,
        });
      }
    }
    notify();
  };

  return {
    transparency: tree.log,
    ...(vault
      ? {
          vault: {
            resolve: async (ids: readonly string[]) => {
              assertOpen('vault.resolve');
              return vault.resolve(ids);
            },
            rows: async (subjects?: readonly string[]) => {
              assertOpen('vault.rows');
              return vault.rows(subjects);
            },
            lookupKeys: async (values: Parameters<PersonalVault['lookupKeys']>[0]) => {
              assertOpen('vault.lookupKeys');
              return vault.lookupKeys(values);
            },
            eraseSubject: async (subjectId: string, eraseOptions: EraseOptions): Promise<ErasureRecord> => {
              assertOpen('vault.eraseSubject');
              const { subject, ...how } = checkErase(subjectId, eraseOptions);
              const streamId = erasureStreamId(subject);
              const recorded = streams.get(streamId)?.[0];
              if (recorded) return erasureRecord(read(recorded));
              const rows = await vault.rows([subject]);
              if (rows.length === 0) throw new NotFoundError('personal-data subject', subject);
              const event = erasureEvent(
                subject,
                rows.map((r) => r.commitment),
                how,
              );
              const base = all.length === 0 ? 0 : all[all.length - 1]!.position;
              const [sealed] = sealEvents(streamId, { version: 0, hash: null }, [base + 1], [event]);
              vault.drop(subject);
              write([sealed!]);
              return erasureRecord(sealed!);
            },
          },
        }
      : {}),

    async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
      assertOpen('append');
      const { expectedVersion } = prepareAppend(streamId, events, options);
      if (!vault) refuseVaultRows(options.personal);
      const personal = vault ? checkVaultRows(options.personal) : [];
      const stream = streams.get(streamId) ?? [];
      const last = stream[stream.length - 1];
      checkExpectedVersion(streamId, expectedVersion, last?.version ?? 0);
      for (const claim of commandClaims(events)) {
        const recorded = commands.get(claim.commandId);
        if (recorded && recorded.fingerprint !== claim.fingerprint)
          throw commandConflict(recorded, claim.fingerprint, streamId);
      }
      const base = all.length === 0 ? 0 : all[all.length - 1]!.position;
      const positions = events.map((_, i) => base + i + 1);
      const sealed = sealEvents(streamId, { version: last?.version ?? 0, hash: last?.hash ?? null }, positions, events);
      const rows = vault ? vault.check(streamId, last?.version ?? 0, personal) : [];
      vault?.write(rows);
      write(sealed);
      // The sealed events are new objects the store keeps no reference to.
      return { nextExpectedVersion: sealed[sealed.length - 1]!.version, events: sealed };
    },

    async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
      assertOpen('readStream');
      const from = options.fromVersion ?? 1;
      const to = options.toVersion ?? Number.POSITIVE_INFINITY;
      const out: StoredEvent[] = [];
      for (const e of streams.get(streamId) ?? []) if (e.version >= from && e.version <= to) out.push(read(e));
      return out;
    },

    async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
      assertOpen('readAll');
      const from = options.fromPosition ?? 0;
      for (const e of all) if (e.position >= from) yield read(e);
    },

    async streamVersion(streamId: string): Promise<number> {
      assertOpen('streamVersion');
      const s = streams.get(streamId);
      return s?.[s.length - 1]?.version ?? 0;
    },

    subscribe(options: SubscribeOptions): Subscription {
      assertOpen('subscribe');
      return runSubscription(
        options.name,
        options.handler,
        {
          async fetch(after, limit) {
            const out: StoredEvent[] = [];
            for (const e of all) {
              if (e.position > after) out.push(read(e));
              if (out.length >= limit) break;
            }
            return out;
          },
          async headPosition() {
            return all[all.length - 1]?.position ?? 0;
          },
          async loadCheckpoint(name) {
            return checkpoints.get(name);
          },
          async saveCheckpoint(name, position) {
            checkpoints.set(name, position);
          },
          waitForChange(signal) {
            return new Promise<void>((resolve) => {
              if (signal.aborted) return resolve();
              listeners.push(resolve);
              signal.addEventListener('abort', () => resolve(), { once: true });
            });
          },
        },
        {
          ...(options.from !== undefined ? { from: options.from } : {}),
          ...(options.retry ? { retry: options.retry } : {}),
        },
      );
    },

    async importEvents(events: StoredEvent[]): Promise<void> {
      assertOpen('importEvents');
      const heads = new Map<string, { version: number; hash: string | null }>();
      for (const [id, s] of streams) {
        const last = s[s.length - 1]!;
        heads.set(id, { version: last.version, hash: last.hash });
      }
      checkImport(events, heads, all[all.length - 1]?.position ?? 0);
      write(events);
    },

    async findCommand(commandId: string): Promise<RecordedCommand | undefined> {
      assertOpen('findCommand');
      const recorded = commands.get(commandId);
      return recorded ? { ...recorded } : undefined;
    },

    async close(): Promise<void> {
      closed = true;
      notify();
    },
  };
}
