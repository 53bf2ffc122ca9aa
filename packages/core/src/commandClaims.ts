import { IdempotencyConflictError } from './errors.js';
import type { NewEvent } from './event.js';

/**
 * The first event a store holds for a commandId among events that carry a
 * `meta.commandFingerprint` (the engine records one on every event a command
 * appends, on every stream it touches). See `EventStore.findCommand`.
 */
export interface RecordedCommand {
  commandId: string;
  /** The fingerprint the command was first recorded with (`meta.commandFingerprint`). */
  fingerprint: string;
  /** The stream of that first event (a quota stream, when the command took places first). */
  streamId: string;
  /** Its global position. */
  position: number;
}

/** A commandId and the fingerprint an append records for it. */
export interface CommandClaim {
  commandId: string;
  fingerprint: string;
}

/**
 * What a batch claims: each commandId of an event that carries a
 * `meta.commandFingerprint`, once, with that fingerprint, sorted by commandId
 * (stores that lock per commandId take the locks in this order). Events
 * without a fingerprint (plain appends, the engine's tick, logs written
 * before fingerprints were recorded) claim nothing.
 */
export function commandClaims(events: readonly NewEvent[]): CommandClaim[] {
  const claims = new Map<string, string>();
  for (const e of events) {
    const fingerprint = e.meta?.commandFingerprint;
    if (typeof fingerprint !== 'string' || typeof e.meta.commandId !== 'string') continue;
    const seen = claims.get(e.meta.commandId);
    if (seen !== undefined && seen !== fingerprint) {
      throw new IdempotencyConflictError(
        e.meta.commandId,
        seen,
        fingerprint,
        'one batch records two different commands under this commandId',
      );
    }
    claims.set(e.meta.commandId, fingerprint);
  }
  return [...claims]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([commandId, fingerprint]) => ({ commandId, fingerprint }));
}

/**
 * The error a store throws when an append claims a commandId already recorded
 * with another fingerprint: a reused commandId, on this stream or another.
 * Nothing of the append is written.
 */
export function commandConflict(
  recorded: RecordedCommand,
  attempted: string,
  streamId: string,
): IdempotencyConflictError {
  return new IdempotencyConflictError(
    recorded.commandId,
    recorded.fingerprint,
    attempted,
    `${recorded.commandId} was first recorded on ${recorded.streamId} (position ${recorded.position}); now a different command on ${streamId}`,
  );
}
