import type { AnyMachineSnapshot, StateValue } from 'xstate';
import { ValidationError } from '../errors.js';
import { STREAM_ID_PATTERN, streamKind, type StoredEvent } from '../event.js';
import { foldEvents, machines, stateLabel } from './fold.js';
import type { MachineName } from '../domain/vocabulary.js';
import type { ApplicationContext } from './application/context.js';
import type { CertificateContext } from './certificate/context.js';
import type { ExamContext } from './exam/context.js';
import { fromEvents, type History } from './history.js';

/** The context of each machine's streams, by stream kind. */
export interface StreamContexts {
  application: ApplicationContext;
  exam: ExamContext;
  certificate: CertificateContext;
}

/** A stream's state: the fold of its events through its machine. */
export interface StreamState<C = StreamContexts[MachineName]> {
  streamId: string;
  /** The machine the stream's prefix names: `application`, `exam` or `certificate`. */
  machine: MachineName;
  /** Number of events folded (0 for a stream without events). */
  version: number;
  /** xstate state value, e.g. { filed: 'active' }. */
  value: StateValue;
  /** The state value as a dotted string, e.g. 'filed.active'. */
  state: string;
  /** True once the machine reached a final state (rejected, revoked, expired, …). */
  done: boolean;
  /** What the machine keeps: for an application the pack, decision, scope, validity dates; typed per machine. */
  context: C;
  /** `meta.at` of the last event folded, or null. */
  at: string | null;
}

/** Internal: a stream folded, from its first event or from a snapshot (its history: index + events after it). */
export interface LoadedStream extends History {
  streamId: string;
  machine: MachineName;
  snapshot: AnyMachineSnapshot;
  /** Stream version folded. */
  version: number;
  /** `meta.at` of the last event folded, or null. */
  at: string | null;
}

/** The machine a stream is folded by; a malformed id or a quota stream is a ValidationError. */
export function machineOf(streamId: string): MachineName {
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) {
    const received = typeof streamId === 'string' ? streamId : String(streamId);
    throw new ValidationError([
      {
        path: ['streamId'],
        code: 'invalid_stream_id',
        message: 'a stream id like application-<id>, exam-<id> or certificate-<number>',
        expected: STREAM_ID_PATTERN.source,
        received,
      },
    ]);
  }
  const kind = streamKind(streamId);
  if (kind === 'quota')
    throw new ValidationError([
      {
        path: ['streamId'],
        code: 'invalid_stream',
        message: `${streamId} is a quota reservation stream, not a machine's stream`,
      },
    ]);
  return kind;
}

export function foldStream(streamId: string, events: StoredEvent[]): LoadedStream {
  const machine = machineOf(streamId);
  return {
    streamId,
    machine,
    snapshot: foldEvents(machines[machine], events),
    version: events.length,
    at: events[events.length - 1]?.meta.at ?? null,
    ...fromEvents(events),
  };
}

export function toStreamState(
  streamId: string,
  machine: MachineName,
  snapshot: AnyMachineSnapshot,
  version: number,
  at: string | null,
): StreamState {
  return {
    streamId,
    machine,
    version,
    value: snapshot.value,
    state: stateLabel(snapshot.value),
    done: snapshot.status === 'done',
    context: snapshot.context,
    at,
  };
}

export const stateOf = (s: LoadedStream): StreamState =>
  toStreamState(s.streamId, s.machine, s.snapshot, s.version, s.at);

/** Strips `undefined` and anything JSON cannot hold, so a decision can be stored and hashed. */
export const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
