import type { AnyMachineSnapshot } from 'xstate';
import { ValidationError } from '../errors.js';
import { STREAM_ID_PATTERN, streamKind, type StoredEvent } from '../event.js';
import { foldEvents, machines, stateLabel } from './fold.js';
import type { MachineName } from '../domain/vocabulary.js';
import { fromEvents } from './history.js';
import type { LoadedStream, StreamState } from '../engine/types.js';

/** The machine a stream is folded by; a malformed id or a quota stream is a ValidationError. */
export function machineOf(streamId: string): MachineName {
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) {
    const received = typeof streamId === 'string' ? streamId : String(streamId);
    throw new ValidationError([{ path: ['streamId'], code: 'invalid_stream_id', message: 'a stream id like application-<id>, exam-<id> or certificate-<number>', expected: STREAM_ID_PATTERN.source, received }]);
  }
  const kind = streamKind(streamId);
  if (kind === 'quota') throw new ValidationError([{ path: ['streamId'], code: 'invalid_stream', message: `${streamId} is a quota reservation stream, not a machine's stream` }]);
  return kind;
}

export function foldStream(streamId: string, events: StoredEvent[]): LoadedStream {
  const machine = machineOf(streamId);
  return { streamId, machine, snapshot: foldEvents(machines[machine], events), version: events.length, at: events[events.length - 1]?.meta.at ?? null, ...fromEvents(events) };
}

export function toStreamState(streamId: string, machine: MachineName, snapshot: AnyMachineSnapshot, version: number, at: string | null): StreamState<any> {
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

export const stateOf = (s: LoadedStream): StreamState<any> =>
  toStreamState(s.streamId, s.machine, s.snapshot, s.version, s.at);

/** Strips `undefined` and anything JSON cannot hold, so a decision can be stored and hashed. */
export const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
