import { CertflowError, StoreUnavailableError, commandConflict } from '@certflow/core';

/** SQLSTATE append_batch raises for a commandId recorded with another fingerprint (schema migration 5). */
export const COMMAND_CONFLICT = 'CF409';

/**
 * Where a call was when the driver failed, which decides what is known of a
 * write: `connect` (no statement sent: nothing written), `sent` (the
 * statement, or its COMMIT, may have reached the server).
 */
export type Phase = 'connect' | 'sent';

/** The SQLSTATE or Node error code of a driver error, if it has one. */
export function driverCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code : undefined;
}

/**
 * SQLSTATE classes that end the connection (08 connection exception, 57P01
 * admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 57P05 idle
 * session timeout) or mean the server itself failed (58, XX): the reply to a
 * statement already sent may have been lost after its commit.
 */
function endsConnection(code: string): boolean {
  return code.startsWith('08') || /^57P0[1-5]$/.test(code) || code.startsWith('58') || code.startsWith('XX');
}

/** A SQLSTATE is five characters of digits and upper-case letters; Node's codes (ECONNREFUSED) are longer. */
function isSqlState(code: string | undefined): code is string {
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * Classifies a driver error as a StoreUnavailableError. Certflow's own errors
 * pass through unchanged.
 *
 * - Reads never write: always `not-written`.
 * - A failure before the statement was sent (refused connection, `57P03`
 *   "the database system is starting up", connect timeout): `not-written`.
 * - After the statement was sent, a SQLSTATE error the server reported for the
 *   statement itself (a statement timeout `57014`, a read-only standby
 *   `25006`, lack of resources `53xxx`) means the statement's transaction
 *   rolled back: `not-written`.
 * - Any other failure after sending (the connection dropped, `57P01` admin
 *   shutdown, a client-side read timeout on a frozen server): the commit may
 *   have happened, `unknown`.
 */
export function toStoreError(err: unknown, operation: string, write: boolean, phase: Phase): CertflowError {
  if (err instanceof CertflowError) return err;
  const code = driverCode(err);
  if (code === COMMAND_CONFLICT) {
    // append_batch refused a commandId recorded with another fingerprint; nothing was written.
    const d = JSON.parse(String((err as { detail?: unknown }).detail)) as {
      commandId: string;
      recorded: string;
      streamId: string;
      position: number;
      attempted: string;
      attemptedStream: string;
    };
    return commandConflict(
      { commandId: d.commandId, fingerprint: d.recorded, streamId: d.streamId, position: Number(d.position) },
      d.attempted,
      d.attemptedStream,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  let outcome: 'not-written' | 'unknown' = 'not-written';
  if (write && phase === 'sent') {
    if (code === '57P03') outcome = 'not-written';
    else if (isSqlState(code) && !endsConnection(code)) outcome = 'not-written';
    else outcome = 'unknown';
  }
  return new StoreUnavailableError(operation, outcome, {
    cause: err,
    ...(code !== undefined ? { driverCode: code } : {}),
    detail: message,
  });
}

const guarded = new WeakSet<object>();
const ignore = () => undefined;

/**
 * A checked-out client whose socket fails emits `error` besides failing its
 * query; with no listener that event would end the process. The query's own
 * rejection carries the failure, so the event is ignored (once per client).
 */
export function guardClient<C extends { on(event: 'error', listener: (e: Error) => void): unknown }>(client: C): C {
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on('error', ignore);
  }
  return client;
}
