import { randomUUID } from 'node:crypto';
import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { StoredEvent } from '../event.js';
import { foldEvents, machines } from '../machines/fold.js';
import type { MachineName } from '../rules/vocabulary.js';
import { chinaLocalDate } from './calendar.js';
import type { Command } from './commandSchemas.js';
import type { DecideEnv } from './decide.js';
import { deadlineItem, streamDeadlines } from './deadlines.js';
import { executeWithRetry } from './execute.js';
import { commandHelpers, type CommandHelpers } from './helpers.js';
import { packRegistry } from './packRegistry.js';
import { foldStream, machineOf, toStreamState } from './streams.js';
import { runTick } from './tick.js';
import type { DeadlineItem, EngineOptions, ExecuteResult, LoadOptions, StreamState } from './types.js';

export interface Engine extends CommandHelpers {
  /** Runs a command: validated, authorized, checked against the machine and the pack, then appended. */
  execute(command: Command): Promise<ExecuteResult>;
  /** Rebuilds a stream's state from its events; with `at`, as of that instant. */
  load(streamId: string, options?: LoadOptions): Promise<StreamState>;
  /** Appends what has fallen due by `now` (DeadlineMissed, FilingExpired), idempotently. */
  tick(now?: Date): Promise<StoredEvent[]>;
  /** Open deadlines of every stream as of `now`: due, due today, overdue, or waiting (min-period). */
  deadlines(options?: { now?: Date }): Promise<DeadlineItem[]>;
}

/**
 * The engine: commands in, events out, state as the fold of each stream
 * through its machine. Hosts pass the store, the packs, and a working-day
 * calendar (`createChinaCalendar()` from `@certflow/calendar`).
 */
export function createEngine(options: EngineOptions): Engine {
  const { store, calendar } = options;
  const clock = options.clock ?? (() => new Date());
  const packs = packRegistry(options.rulePacks);
  const maxRetries = options.maxRetries ?? 5;
  const snapshotEvery = options.snapshotEvery ?? 100;
  const toLocal = (d: Date | string) => (calendar ? calendar.toLocalDate(d) : chinaLocalDate(d));
  const loadStream = async (streamId: string) => foldStream(streamId, await store.readStream(streamId));

  const makeEnv = (command: Command): (() => DecideEnv) => {
    const correlationId = command.correlationId ?? command.commandId;
    return () => {
      const now = clock();
      return {
        store,
        calendar,
        packs,
        now,
        today: toLocal(now),
        meta: { at: now.toISOString(), actor: command.actor, commandId: command.commandId, correlationId },
        load: loadStream,
      };
    };
  };

  async function loadWithSnapshots(streamId: string, machine: MachineName): Promise<StreamState> {
    const logic = machines[machine] as AnyStateMachine;
    const stored = await options.snapshots!.get(streamId);
    let from: AnyMachineSnapshot | undefined;
    let version = 0;
    let at: string | null = null;
    if (stored && stored.machineVersion === logic.version) {
      // Restored without start(): resolveState would lose history states.
      from = createActor(logic, { snapshot: stored.persisted as never }).getSnapshot() as AnyMachineSnapshot;
      version = stored.version;
      at = stored.at;
    }
    const events = await store.readStream(streamId, { fromVersion: version + 1 });
    const snapshot = foldEvents(logic, events, from);
    const last = events[events.length - 1];
    const state = toStreamState(streamId, machine, snapshot, version + events.length, last?.meta.at ?? at);
    if (events.length >= snapshotEvery) {
      await options.snapshots!.set({ streamId, version: state.version, machineVersion: logic.version!, at: state.at, persisted: logic.getPersistedSnapshot(snapshot) });
    }
    return state;
  }

  const engine: Engine = {
    async execute(command) {
      return executeWithRetry(command, makeEnv(command), maxRetries);
    },
    async load(streamId, loadOptions = {}) {
      const machine = machineOf(streamId);
      if (loadOptions.at === undefined && options.snapshots) return loadWithSnapshots(streamId, machine);
      let events = await store.readStream(streamId);
      if (loadOptions.at !== undefined) {
        const limit = new Date(loadOptions.at).getTime();
        events = events.filter((e) => Date.parse(e.meta.at) <= limit);
      }
      const s = foldStream(streamId, events);
      return toStreamState(streamId, machine, s.snapshot, events.length, events[events.length - 1]?.meta.at ?? null);
    },
    async tick(now = clock()) {
      return runTick({ store, calendar, packs, now, today: toLocal(now), commandId: `tick-${randomUUID()}` });
    },
    async deadlines({ now = clock() } = {}) {
      const today = toLocal(now);
      const byStream = new Map<string, StoredEvent[]>();
      for await (const e of store.readAll()) {
        if (e.streamId.startsWith('quota-')) continue;
        (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);
      }
      const out: DeadlineItem[] = [];
      for (const [streamId, events] of byStream) {
        const s = foldStream(streamId, events);
        const ref = (s.snapshot.context as { rulePack?: { id: string; version: string } | null }).rulePack;
        if (!ref || s.snapshot.status === 'done') continue;
        for (const d of streamDeadlines(packs.resolve(ref), s.machine, events, calendar)) {
          if (!d.done) out.push(deadlineItem(streamId, d, today));
        }
      }
      return out.sort((a, b) => a.due.localeCompare(b.due) || a.streamId.localeCompare(b.streamId));
    },
    ...commandHelpers((c) => engine.execute(c)),
  };
  return engine;
}
