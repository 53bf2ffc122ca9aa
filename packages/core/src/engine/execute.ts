import type { AnyMachineSnapshot } from 'xstate';
import type { StoredEvent } from '../event.js';
import {
  ConcurrencyError,
  CorruptStoreError,
  IdempotencyConflictError,
  InvalidTransitionError,
  RuleViolationError,
  StoreUnavailableError,
  ValidationError,
} from '../errors.js';
import type { Decision, RulePack } from '../rules/rulePack.js';
import { commandDefinition, type AnyCommandDefinition } from '../streams/commandTable.js';
import { toJson, type DecideEnv } from '../streams/defineCommand.js';
import { acceptsEvent, acceptsEventType, foldEvents, machines } from '../streams/fold.js';
import { foldStream, machineOf, stateOf, toStreamState, type LoadedStream } from '../streams/state.js';
import { zodIssues } from '../zodIssues.js';
import { authorize } from './authorize.js';
import { commandFingerprint, parseCommand, type Command } from './commandSchemas.js';
import { checkStep, deadlineMissedData, streamDeadlines } from './deadlines.js';
import { commandRange } from '../streams/history.js';
import { commandConflict } from '../commandClaims.js';
import type { ExecuteResult } from './types.js';
import { personalFieldPaths, type PersonalFieldPath } from '../personal/fields.js';
import { keyedPayload, markPersonalFormat, personalizePayload, type PersonalVaultRow } from '../personal/format2.js';
import { personalEventFieldsOf } from '../streams/personalFields.js';
import type { z } from 'zod';

const payloadFields = new WeakMap<z.ZodType, PersonalFieldPath[]>();
/** The personal fields of a command's payload schema (computed once per schema). */
function personalPayloadFields(schema: z.ZodType): PersonalFieldPath[] {
  let fields = payloadFields.get(schema);
  if (!fields) {
    fields = personalFieldPaths(schema);
    payloadFields.set(schema, fields);
  }
  return fields;
}

/**
 * A commandId that recorded events on this stream is being used again: the
 * same command (a retry) passes; anything else is an IdempotencyConflictError.
 * Events carrying `meta.commandFingerprint` are compared on it; older events
 * on what they carry: the actor, and the command's own event among their types.
 */
function checkSameCommand(command: Command, fingerprint: string, events: StoredEvent[]): void {
  const definition = commandDefinition(command.type);
  const first = events[0]!;
  const by = `${first.meta.actor.id} (${first.meta.actor.role})`;
  const types = [...new Set(events.map((e) => e.type).filter((t) => t !== 'DeadlineMissed'))];
  const detail = `${command.commandId} recorded ${types.join(', ') || 'DeadlineMissed'} on ${command.streamId} by ${by}; now ${command.type} by ${command.actor.id} (${command.actor.role})`;
  const recorded = first.meta.commandFingerprint;
  if (typeof recorded === 'string') {
    if (recorded !== fingerprint) throw new IdempotencyConflictError(command.commandId, recorded, fingerprint, detail);
    return;
  }
  const own: string[] = definition ? [definition.records, ...(definition.alsoRecords ?? [])] : [];
  const sameActor = events.every(
    (e) => e.meta.actor.id === command.actor.id && e.meta.actor.role === command.actor.role,
  );
  if (!sameActor || !types.some((t) => own.includes(t)))
    throw new IdempotencyConflictError(command.commandId, 'unrecorded', fingerprint, detail);
}

/** True when a failed write may have committed: nothing it took may be given back. */
export const mayHaveCommitted = (err: unknown): boolean =>
  err instanceof StoreUnavailableError && err.outcome === 'unknown';

/**
 * A repeated command: the first result, rebuilt from the stored events (null
 * if the commandId never ran here). Without a snapshot the events are at hand;
 * with one, a command that ran before it costs one read of the stream.
 */
async function replayResult(
  stream: LoadedStream,
  command: Command,
  fingerprint: string,
  env: DecideEnv,
): Promise<ExecuteResult | null> {
  const { commandId } = command;
  const range = commandRange(stream, commandId);
  if (!range) return null;
  if (range !== 'before' && range[1] === stream.version) {
    // The usual retry: the command is the stream's latest, its state is the one loaded.
    const events = stream.tail.slice(range[0] - stream.baseVersion - 1).filter((e) => e.meta.commandId === commandId);
    checkSameCommand(command, fingerprint, events);
    return repeatedResult(stream, events, stream.snapshot);
  }
  const all =
    stream.baseVersion === 0 ? stream.tail : await env.store.readStream(stream.streamId, { toVersion: stream.version });
  const events = all.filter((e) => e.meta.commandId === commandId);
  const last = events[events.length - 1];
  if (!last) return null; // the index and the stream disagree (a snapshot store shared across event stores): a new command
  checkSameCommand(command, fingerprint, events);
  return repeatedResult(
    stream,
    events,
    last.version === stream.version
      ? stream.snapshot
      : foldEvents(machines[stream.machine], all.slice(0, last.version)),
  );
}

function repeatedResult(stream: LoadedStream, events: StoredEvent[], snapshot: AnyMachineSnapshot): ExecuteResult {
  const last = events[events.length - 1]!;
  const decision = events.map(recordedDecision).find((d) => d !== null) ?? null;
  return {
    streamId: stream.streamId,
    version: last.version,
    state: toStreamState(stream.streamId, stream.machine, snapshot, last.version, last.meta.at),
    events,
    decision,
  };
}

const isDecision = (v: unknown): v is Decision => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The decision an event records (screening, plan or scope), else null. */
function recordedDecision(e: StoredEvent): Decision | null {
  const data = e.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  return isDecision(data.decision) ? data.decision : null;
}

/** The pack a stream recorded on its first event (every command after the first runs under it). */
function recordedPack(stream: LoadedStream, env: DecideEnv): RulePack {
  const ref = contextOf(stream).rulePack;
  if (!ref)
    throw new CorruptStoreError(
      stream.streamId,
      `the stream has ${stream.version} events but none records its rule pack`,
      { streamId: stream.streamId, version: stream.version },
    );
  return env.packs.resolve(ref);
}

/** What every machine's context may carry: the pack, and who owns the stream. */
interface OwnedContext {
  rulePack?: { id: string; version: string } | null;
  applicantId?: string | null;
  organizerId?: string | null;
  issuedBy?: string | null;
}
const contextOf = (stream: LoadedStream): OwnedContext => stream.snapshot.context;

function ownerOf(stream: LoadedStream): string | null {
  const c = contextOf(stream);
  return c.applicantId ?? c.organizerId ?? c.issuedBy ?? null;
}

/** The definition of a command the envelope check accepted; its stream must be the command's own. */
function definitionFor(command: Command, machine: string): AnyCommandDefinition {
  const definition = commandDefinition(command.type);
  if (!definition || definition.stream !== machine) {
    const message = `${command.type} acts on a ${definition?.stream}-<id> stream`;
    throw new ValidationError(
      [{ path: ['streamId'], code: 'wrong_stream', message, received: command.streamId }],
      command.type,
    );
  }
  return definition;
}

/**
 * One attempt: load, check, decide, append, for a command parseCommand
 * accepted. Throws ConcurrencyError for the caller to retry. Places taken
 * are given back on a failure that certainly committed nothing, never after
 * one that may have (`StoreUnavailableError` with outcome `unknown`) nor
 * after a ConcurrencyError (the same command may have committed
 * concurrently): a retry with the same commandId then finds what committed,
 * or reuses the places.
 */
export async function executeOnce(command: Command, fingerprint: string, baseEnv: DecideEnv): Promise<ExecuteResult> {
  const env: DecideEnv = { ...baseEnv, meta: { ...baseEnv.meta, commandFingerprint: fingerprint } };
  const machine = machineOf(command.streamId);
  const definition = definitionFor(command, machine);
  const stream = await env.load(command.streamId);
  const repeated = await replayResult(stream, command, fingerprint, env);
  if (repeated) {
    await definition.complete?.(stream, env);
    return repeated;
  }
  // The id may have recorded a different command on another stream: the store knows (and refuses it at append).
  const recorded = await env.store.findCommand?.(command.commandId);
  if (recorded && recorded.fingerprint !== fingerprint) throw commandConflict(recorded, fingerprint, command.streamId);

  const payloadResult = definition.payload.safeParse(command.payload ?? {});
  if (!payloadResult.success) throw new ValidationError(zodIssues(payloadResult.error, ['payload']), command.type);
  // The command's personal values are validated in clear above; from here on deciders, machines and
  // events see tokens (format 2) when the store keeps a vault, and the vault rows go with the append.
  let personalRows: PersonalVaultRow[] = [];
  let payload = payloadResult.data;
  if (env.store.vault) {
    const personalized = await personalizePayload(payload, personalPayloadFields(definition.payload), env.store.vault);
    payload = personalized.payload;
    personalRows = personalized.rows;
  }
  const deciding = { ...command, payload };
  const state = stateOf(stream).state;
  if (stream.version === 0 && !definition.creates)
    throw new InvalidTransitionError(command.streamId, command.type, state, 'the stream has no events');

  const pack = definition.pack
    ? await definition.pack({ command: deciding, stream, state, env })
    : recordedPack(stream, env);
  authorize(
    pack,
    command.type,
    command.actor,
    command.streamId,
    state,
    definition.checksOwner === false ? null : ownerOf(stream),
  );
  if (!acceptsEventType(stream.snapshot, definition.records))
    throw new InvalidTransitionError(command.streamId, command.type, state);

  const missed: string[] = stream.snapshot.context.missedDeadlines ?? [];
  const step = checkStep(
    streamDeadlines(pack, machine, stream, env.calendar),
    command.type,
    env.today,
    missed,
    env.provisional,
  );
  if (step.refused.length > 0) throw new RuleViolationError(command.type, step.refused);

  const decided = await definition.decide({ command: deciding, stream, context: stream.snapshot.context, pack, env });
  let result: ExecuteResult;
  try {
    const events = [
      ...step.flagged.map((d) => ({
        type: 'DeadlineMissed',
        data: toJson(deadlineMissedData(d, env.today, command.type)),
      })),
      ...decided.events,
    ];
    let snapshot = stream.snapshot;
    for (const e of events) {
      if (!acceptsEvent(snapshot, e))
        throw new InvalidTransitionError(
          command.streamId,
          command.type,
          state,
          `the ${machine} machine refuses ${e.type} here`,
        );
      snapshot = foldEvents(machines[machine], [e], snapshot);
    }
    const meta = { ...env.meta, rulePack: { id: pack.id, version: pack.version } };
    const fields = personalEventFieldsOf(machine);
    const sealed = events.map((e) => markPersonalFormat({ type: e.type, data: e.data, meta }, fields[e.type]));
    const options =
      personalRows.length > 0
        ? { expectedVersion: stream.version, personal: personalRows }
        : { expectedVersion: stream.version };
    const appended = await env.store.append(command.streamId, sealed, options);
    const next = toStreamState(
      command.streamId,
      machine,
      snapshot,
      appended.nextExpectedVersion,
      appended.events[appended.events.length - 1]?.meta.at ?? stream.at,
    );
    result = {
      streamId: command.streamId,
      version: appended.nextExpectedVersion,
      state: next,
      events: appended.events,
      decision: decided.decision,
    };
  } catch (err) {
    // A ConcurrencyError keeps the places too: the stream moved, perhaps by this same command
    // sent twice at once; the re-run finds it (and its places) or reuses them.
    if (!mayHaveCommitted(err) && !(err instanceof ConcurrencyError) && decided.undo) {
      // The command certainly recorded nothing: its places go back. If giving them back fails,
      // the caller is told to repeat the command (same commandId): the repeat reuses the places
      // and either records the command or gives them back, so none is left behind.
      try {
        await decided.undo();
      } catch (undoErr) {
        throw new StoreUnavailableError(`${command.type} compensation`, 'unknown', {
          cause: undoErr,
          detail: `${command.type} failed (${err instanceof Error ? err.message : String(err)}) and its quota places could not be given back; repeat the command with the same commandId`,
        });
      }
    }
    throw err;
  }
  if (decided.after) {
    try {
      await decided.after();
    } catch (err) {
      // The command is recorded; what follows it did not finish. Repeating the command with
      // the same commandId returns its result and finishes the rest.
      throw new StoreUnavailableError(`${command.type} follow-up`, 'unknown', {
        cause: err,
        driverCode: err instanceof StoreUnavailableError ? err.driverCode : undefined,
        detail: `${command.streamId} is at version ${result.version} (${err instanceof Error ? err.message : String(err)}); repeat the command with the same commandId to finish`,
      });
    }
  }
  return result;
}

/** Retries a command after a concurrency conflict (the stream moved under it), at most `maxRetries` times. */
export async function executeWithRetry(
  raw: unknown,
  makeEnv: (command: Command) => () => DecideEnv,
  maxRetries: number,
  store?: DecideEnv['store'],
): Promise<ExecuteResult> {
  const command = parseCommand(raw);
  const fingerprint = store ? await fingerprintOf(command, store) : commandFingerprint(command);
  const envOf = makeEnv(command);
  for (let attempt = 0; ; attempt++) {
    try {
      return await executeOnce(command, fingerprint, envOf());
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= maxRetries) throw err;
    }
  }
}

/**
 * The command's fingerprint. To a store with a vault, personal values count by
 * their lookup keys (an HMAC under the vault's secret), never in clear: the
 * fingerprint sits in the events, and a bare hash over a command whose only
 * unknown is one 身份证号 would give the number away to a search.
 */
async function fingerprintOf(command: Command, store: DecideEnv['store']): Promise<string> {
  const definition = commandDefinition(command.type);
  if (!store.vault || !definition) return commandFingerprint(command);
  const fields = personalPayloadFields(definition.payload);
  if (fields.length === 0) return commandFingerprint(command);
  return commandFingerprint({
    ...command,
    payload: (await keyedPayload(command.payload, fields, store.vault)) as Command['payload'],
  });
}

export { foldStream };
