import type { StoredEvent } from '../event.js';
import type { EventStore, Subscription } from '../eventStore.js';

/**
 * A read model's logic: a fold of the log. The projection owns its state:
 * `apply` updates `state` in place and returns it (or returns a new state,
 * which the caller then keeps instead), so folding an event costs what the
 * event changes, not the size of the state. It reads nothing but the state
 * and the event (no clock, no store), so a projection can be replayed,
 * tested on a list of events and rebuilt from position 0 at any time. A
 * caller that needs an earlier state to stay as it was copies it first
 * (`project` copies a `from` it is given, `ReadModel.snapshot()` returns a
 * copy).
 *
 * Delivery is at least once, so `apply` must be idempotent: the projections
 * of this module remember the last version they applied per stream and ignore
 * an event whose version they already hold (see `appliedBefore`).
 */
export interface Projection<S> {
  /** Names the projection; the default subscription name derives from it. */
  readonly name: string;
  initial(): S;
  apply(state: S, event: StoredEvent): S;
}

/** A projection's state and the global position of the last event folded into it (0: none). */
export interface Projected<S> {
  position: number;
  state: S;
}

/** Per stream, the highest version a projection has applied. */
export type StreamVersions = Record<string, number>;

/**
 * The idempotency check the projections share: true when `event` (by stream
 * and version) was applied already, so a redelivered event changes nothing.
 */
export function appliedBefore(versions: StreamVersions, event: StoredEvent): boolean {
  return (versions[event.streamId] ?? 0) >= event.version;
}

/** Moves the event's stream in `versions` to its version, in place; returns `versions`. */
export function markApplied(versions: StreamVersions, event: StoredEvent): StreamVersions {
  setOwn(versions, event.streamId, event.version);
  return versions;
}

/**
 * Sets `record[key]` as an own property, whatever the key ('__proto__'
 * included, which a plain assignment would take for the prototype).
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** A deep copy of a projected state (plain data: what JSON or structured clone can hold). */
const copyOf = <S>(p: Projected<S>): Projected<S> => structuredClone({ position: p.position, state: p.state });

/**
 * Folds events into a projected state, skipping any at or below the
 * position already folded (the global guard: a store delivers in position
 * order, so a redelivery always lies at or below it). A `from` passed in is
 * copied first and left as it was.
 */
export function project<S>(
  projection: Projection<S>,
  events: Iterable<StoredEvent>,
  from?: Projected<S>,
): Projected<S> {
  const current: Projected<S> = from ? copyOf(from) : { position: 0, state: projection.initial() };
  for (const e of events) step(projection, current, e);
  return current;
}

/** Folds one event into `current` (in place); false when the position guard dropped it. */
function step<S>(projection: Projection<S>, current: Projected<S>, event: StoredEvent): boolean {
  if (event.position <= current.position) return false;
  current.state = projection.apply(current.state, event);
  current.position = event.position;
  return true;
}

export interface ReadModelOptions<S> {
  /** The subscription's name (its durable checkpoint). Default: `readmodel-<projection name>`. */
  subscriptionName?: string;
  /**
   * A state the host kept (e.g. `readModel.snapshot()` serialized as JSON):
   * `start()` then replays only what follows its position. It is copied:
   * the model never changes the object passed in.
   */
  from?: Projected<S>;
}

export interface RebuildResult {
  /** Events read from the log and folded. */
  events: number;
  /** Position of the last event folded (0 for an empty log). */
  position: number;
}

/**
 * A projection kept up to date from a store. The state lives in memory:
 * `start()` first brings it to the log's head with `readAll` (from 0, or from
 * the position of the state passed as `from`), then subscribes under a
 * durable name for what follows. The subscription resumes from its own
 * checkpoint; events it hands over again are dropped by position and by
 * stream version, so neither a checkpoint behind the state nor one ahead of
 * it (a state lost with the process) loses or doubles anything.
 *
 * The model owns its state and folds each event into it in place; `state`
 * is that live object (read it, do not change it), `snapshot()` a copy.
 */
export class ReadModel<S> {
  readonly projection: Projection<S>;
  readonly subscriptionName: string;
  private readonly store: EventStore;
  private current: Projected<S>;
  private subscription: Subscription | undefined;
  private starting: Promise<void> | undefined;
  /** Events folded since construction (replays and live delivery), duplicates dropped by position excluded. */
  applied = 0;

  constructor(store: EventStore, projection: Projection<S>, options: ReadModelOptions<S> = {}) {
    this.store = store;
    this.projection = projection;
    this.subscriptionName = options.subscriptionName ?? `readmodel-${projection.name}`;
    this.current = options.from ? copyOf(options.from) : { position: 0, state: projection.initial() };
  }

  /** The current state: the live object the model folds into (do not mutate it; it changes as events arrive). */
  get state(): S {
    return this.current.state;
  }

  /** Position of the last event folded. */
  get position(): number {
    return this.current.position;
  }

  /**
   * A deep copy of the state with its position, for a host that persists it
   * (pass it back as `from`): later events do not change it, and changing it
   * does not change the model.
   */
  snapshot(): Projected<S> {
    return copyOf(this.current);
  }

  /** Catches up with the log, then follows it live. Calling it again is a no-op. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.replay(this.current.position + 1);
      this.subscription = this.store.subscribe({
        name: this.subscriptionName,
        from: this.current.position + 1,
        handler: (e) => this.fold(e),
      });
    })();
    return this.starting;
  }

  /** Resolves once every event committed before the call is folded (starts the model if needed). */
  async waitUntilCaughtUp(): Promise<void> {
    await this.start();
    await this.subscription!.waitUntilCaughtUp();
  }

  /**
   * Throws the state away and folds the whole log again from position 0,
   * then follows it live again. Use it after changing the projection's code.
   */
  async rebuild(): Promise<RebuildResult> {
    await this.stop();
    this.current = { position: 0, state: this.projection.initial() };
    const events = await this.replay(1);
    await this.start();
    return { events, position: this.current.position };
  }

  /** Stops following the log (the state stays readable). */
  async stop(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    if (!starting) return;
    await starting.catch(() => undefined);
    const sub = this.subscription;
    this.subscription = undefined;
    await sub?.stop();
  }

  private fold(event: StoredEvent): void {
    if (step(this.projection, this.current, event)) this.applied++;
  }

  private async replay(fromPosition: number): Promise<number> {
    let n = 0;
    for await (const e of this.store.readAll({ fromPosition })) {
      this.fold(e);
      n++;
    }
    return n;
  }
}
