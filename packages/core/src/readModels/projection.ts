import type { StoredEvent } from '../event.js';
import type { EventStore, Subscription } from '../eventStore.js';

/**
 * A read model's logic: a pure fold of the log. `apply` returns the next
 * state (it may return `state` itself when the event is of no interest) and
 * never mutates its input, so a projection can be replayed, tested on a list
 * of events and rebuilt from position 0 at any time.
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

/** `versions` with the event's stream moved to its version (a new object). */
export function markApplied(versions: StreamVersions, event: StoredEvent): StreamVersions {
  return { ...versions, [event.streamId]: event.version };
}

/**
 * Folds events into a projected state, skipping any at or below the
 * position already folded (the global guard: a store delivers in position
 * order, so a redelivery always lies at or below it).
 */
export function project<S>(projection: Projection<S>, events: Iterable<StoredEvent>, from?: Projected<S>): Projected<S> {
  let current: Projected<S> = from ?? { position: 0, state: projection.initial() };
  for (const e of events) current = step(projection, current, e);
  return current;
}

function step<S>(projection: Projection<S>, current: Projected<S>, event: StoredEvent): Projected<S> {
  if (event.position <= current.position) return current;
  return { position: event.position, state: projection.apply(current.state, event) };
}

export interface ReadModelOptions<S> {
  /** The subscription's name (its durable checkpoint). Default: `readmodel-<projection name>`. */
  subscriptionName?: string;
  /**
   * A state the host kept (e.g. `readModel.snapshot()` serialized as JSON):
   * `start()` then replays only what follows its position.
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
    this.current = options.from ? { position: options.from.position, state: options.from.state } : { position: 0, state: projection.initial() };
  }

  /** The current state (do not mutate it). */
  get state(): S {
    return this.current.state;
  }

  /** Position of the last event folded. */
  get position(): number {
    return this.current.position;
  }

  /** The state with its position, for a host that persists it (pass it back as `from`). */
  snapshot(): Projected<S> {
    return { position: this.current.position, state: this.current.state };
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
    const next = step(this.projection, this.current, event);
    if (next !== this.current) this.applied++;
    this.current = next;
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
