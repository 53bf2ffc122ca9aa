import { CertflowError, StoreUnavailableError } from '../errors.js';
import type { EventStore } from '../eventStore.js';
import type { PersonalVault } from '../personal/format2.js';
import type { SnapshotStore } from './snapshots.js';

const driverCode = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
};

/**
 * What a caller sees of an error that is not certflow's: a
 * StoreUnavailableError with the error as its cause. A write's outcome is
 * `unknown` (the driver may have failed after the commit), a read's `not-written`.
 */
export function asStoreError(err: unknown, operation: string, outcome: 'not-written' | 'unknown'): CertflowError {
  if (err instanceof CertflowError) return err;
  return new StoreUnavailableError(operation, outcome, {
    cause: err,
    driverCode: driverCode(err),
    detail: err instanceof Error ? err.message : String(err),
  });
}

/**
 * The store as the engine uses it: every error that is not a CertflowError
 * (a raw driver or runtime error from a store that does not map its own) is
 * wrapped by asStoreError, so none reaches a caller of the engine.
 */
export function guardStore(store: EventStore): EventStore {
  const guard = async <T>(operation: string, outcome: 'not-written' | 'unknown', run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      throw asStoreError(e, operation, outcome);
    }
  };
  return {
    append: (streamId, events, options) => guard('append', 'unknown', () => store.append(streamId, events, options)),
    readStream: (streamId, options) => guard('readStream', 'not-written', () => store.readStream(streamId, options)),
    streamVersion: (streamId) => guard('streamVersion', 'not-written', () => store.streamVersion(streamId)),
    readAll: (options) => ({
      async *[Symbol.asyncIterator]() {
        try {
          yield* store.readAll(options);
        } catch (e) {
          throw asStoreError(e, 'readAll', 'not-written');
        }
      },
    }),
    subscribe: (options) => store.subscribe(options),
    importEvents: (events) => guard('importEvents', 'unknown', () => store.importEvents(events)),
    close: () => store.close(),
    ...(store.vault
      ? {
          vault: {
            resolve: (idNumbers: readonly string[]) =>
              guard('vault.resolve', 'not-written', () => store.vault!.resolve(idNumbers)),
            rows: (subjects?: readonly string[]) =>
              guard('vault.rows', 'not-written', () => store.vault!.rows(subjects)),
            lookupKeys: (values: Parameters<PersonalVault['lookupKeys']>[0]) =>
              guard('vault.lookupKeys', 'not-written', () => store.vault!.lookupKeys(values)),
            eraseSubject: (subject: string, options: Parameters<PersonalVault['eraseSubject']>[1]) =>
              guard('vault.eraseSubject', 'unknown', () => store.vault!.eraseSubject(subject, options)),
          },
        }
      : {}),
    ...(store.findCommand
      ? { findCommand: (commandId: string) => guard('findCommand', 'not-written', () => store.findCommand!(commandId)) }
      : {}),
  };
}

/** The same for a snapshot store: its failures are StoreUnavailableError (`not-written`: snapshots are never part of the log). */
export function guardSnapshots(snapshots: SnapshotStore | undefined): SnapshotStore | undefined {
  if (!snapshots) return undefined;
  return {
    async get(streamId) {
      try {
        return await snapshots.get(streamId);
      } catch (e) {
        throw asStoreError(e, 'snapshots.get', 'not-written');
      }
    },
    async set(snapshot) {
      try {
        await snapshots.set(snapshot);
      } catch (e) {
        throw asStoreError(e, 'snapshots.set', 'not-written');
      }
    },
  };
}
