import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../event.js';
import { chinaLocalDate } from '../domain/calendar.js';
import type { Command } from './commandSchemas.js';
import type { DecideEnv } from '../streams/defineCommand.js';
import { byDue, deadlineItem, streamDeadlines } from './deadlines.js';
import { executeWithRetry } from './execute.js';
import { commandHelpers, type CommandHelpers } from './helpers.js';
import { packRegistry } from './packRegistry.js';
import { streamLoader } from './loader.js';
import { foldStream, machineOf, stateOf, toStreamState } from '../streams/state.js';
import { runTick } from './tick.js';
import { CertflowError, ValidationError } from '../errors.js';
import { findingTranslator } from '../findingTexts.js';
import { guardSnapshots, guardStore } from './storeGuard.js';
import { resultReceipts } from '../transparency/receipts.js';
import type { DeadlineItem, EngineOptions, ExecuteResult, LoadOptions, StreamState } from './types.js';

export interface Engine extends CommandHelpers {
  /** Runs a command: validated, authorized, checked against the machine and the pack, then appended. */
  execute(command: Command): Promise<ExecuteResult>;
  /**
   * Rebuilds a stream's state from its events; with `at`, as of that instant.
   * A stream without events is the machine's initial state at version 0; a
   * malformed id is a ValidationError, an event foreign to the machine a CorruptStoreError.
   */
  load(streamId: string, options?: LoadOptions): Promise<StreamState>;
  /** Appends what has fallen due by `now` (DeadlineMissed, FilingExpired), idempotently. */
  tick(now?: Date): Promise<StoredEvent[]>;
  /**
   * Open deadlines of every stream as of `now`: due, due today, overdue, or
   * waiting (min-period). Reads the whole log on each call; pass `from` (an
   * `OpenDeadlines` read model kept up to date by a subscription) to answer
   * from it instead, without reading the log.
   */
  deadlines(options?: { now?: Date; from?: DeadlineSource }): Promise<DeadlineItem[]>;
}

/** Anything that lists open deadlines as of an instant: the `OpenDeadlines` read model. */
export interface DeadlineSource {
  list(options: { now?: Date }): DeadlineItem[];
}

/**
 * The engine: commands in, events out, state as the fold of each stream
 * through its machine. Hosts pass the store, the packs, and a working-day
 * calendar (`createChinaCalendar()` from `@certflow/calendar`).
 */
export function createEngine(options: EngineOptions): Engine {
  const { calendar } = options;
  // Every store error a caller sees is a CertflowError (raw driver errors become StoreUnavailableError).
  const store = guardStore(options.store);
  const clock = options.clock ?? (() => new Date());
  const packs = packRegistry(options.rulePacks);
  const maxRetries = options.maxRetries ?? 5;
  const snapshotEvery = options.snapshotEvery ?? 100;
  const toLocal = (d: Date | string) => (calendar ? calendar.toLocalDate(d) : chinaLocalDate(d));
  const loader = streamLoader(store, guardSnapshots(options.snapshots), snapshotEvery);
  const receiptsOf = options.receipts ? resultReceipts(options.store, options.receipts) : undefined;

  const makeEnv = (command: Command): (() => DecideEnv) => {
    // `command` has passed parseCommand: its ids and actor are there.
    const correlationId = command.correlationId ?? command.commandId;
    return () => {
      const now = clock();
      return {
        store,
        calendar,
        provisional: options.provisional,
        packs,
        now,
        today: toLocal(now),
        meta: { at: now.toISOString(), actor: command.actor, commandId: command.commandId, correlationId },
        load: loader.load,
      };
    };
  };

  // Every error the engine throws speaks the engine's locale, its findings worded by the packs' texts.
  const locale = options.locale ?? 'en';
  const translate = findingTranslator(options.findingTexts ?? []);
  const localized =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof CertflowError) {
          const own = e as {
            localize?: (l: typeof locale, t: typeof translate) => unknown;
            format?: (l: typeof locale) => string;
          };
          // The calendar's errors carry the brand and format(locale), not CertflowError's prototype.
          if (typeof own.localize === 'function') own.localize(locale, translate);
          else if (locale !== 'en' && typeof own.format === 'function') e.message = own.format(locale);
        }
        throw e;
      }
    };

  const engine: Engine = {
    execute: localized(async (command: Command) => {
      const result = await executeWithRetry(command, makeEnv, maxRetries, store);
      const receipts = receiptsOf?.(result);
      return receipts ? { ...result, receipts } : result;
    }),
    load: localized(async (streamId: string, loadOptions: LoadOptions = {}) => {
      const machine = machineOf(streamId);
      if (loadOptions.at === undefined) return stateOf(await loader.load(streamId));
      const limit =
        typeof loadOptions.at === 'string' || loadOptions.at instanceof Date
          ? new Date(loadOptions.at).getTime()
          : Number.NaN;
      if (Number.isNaN(limit)) {
        throw new ValidationError(
          [
            {
              path: ['at'],
              code: 'invalid_instant',
              message: 'an instant: a Date or an ISO-8601 string',
              expected: 'Date | ISO-8601 instant',
              received: String(loadOptions.at),
            },
          ],
          'load',
        );
      }
      const read = await loader.load(streamId); // checks the stream's events belong to its machine
      let events = read.baseVersion === 0 ? read.tail : await store.readStream(streamId);
      events = events.filter((e) => Date.parse(e.meta.at) <= limit);
      const s = foldStream(streamId, events);
      return toStreamState(streamId, machine, s.snapshot, events.length, events[events.length - 1]?.meta.at ?? null);
    }),
    tick: localized(async (now: Date = clock()) => {
      return runTick({
        store,
        calendar,
        provisional: options.provisional,
        packs,
        now,
        today: toLocal(now),
        commandId: `tick-${randomUUID()}`,
        fold: loader.fold,
      });
    }),
    deadlines: localized(async ({ now = clock(), from }: { now?: Date; from?: DeadlineSource } = {}) => {
      if (from) return from.list({ now });
      const today = toLocal(now);
      const byStream = new Map<string, StoredEvent[]>();
      for await (const e of store.readAll()) {
        if (e.streamId.startsWith('quota-')) continue;
        (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);
      }
      const out: DeadlineItem[] = [];
      for (const [streamId, events] of byStream) {
        const s = await loader.fold(streamId, events);
        const { rulePack: ref }: { rulePack?: { id: string; version: string } | null } = s.snapshot.context;
        if (!ref || s.snapshot.status === 'done') continue;
        for (const d of streamDeadlines(packs.resolve(ref), s.machine, s, calendar)) {
          if (!d.done) out.push(deadlineItem(streamId, d, today));
        }
      }
      return out.sort(byDue);
    }),
    // A helper hands over what the host gave it; execute validates it like any command.
    ...commandHelpers((c) => engine.execute(c as Command)),
  };
  return engine;
}
