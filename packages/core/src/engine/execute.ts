import type { AnyMachineSnapshot } from 'xstate';
import type { StoredEvent } from '../event.js';
import { ConcurrencyError, CorruptStoreError, IdempotencyConflictError, InvalidTransitionError, StoreUnavailableError, ValidationError } from '../errors.js';
import { acceptsEvent, acceptsEventType, foldEvents, machines } from '../machines/fold.js';
import type { RulePack } from '../rules/rulePack.js';
import { COMMANDS, type CommandType, type MachineName } from '../rules/vocabulary.js';
import { zodIssues } from '../zodIssues.js';
import { authorize } from './authorize.js';
import { COMMAND_EVENT, commandFingerprint, parseCommand, payloadSchemas, type Command } from './commandSchemas.js';
import { applicationDeciders } from './decideApplication.js';
import type { Decider, DecideEnv } from './decide.js';
import { examDeciders } from './decideExam.js';
import { completeCertificates } from './certificates.js';
import { checkStep, deadlineMissedData, streamDeadlines } from './deadlines.js';
import { commandRange } from './history.js';
import { foldStream, machineOf, stateOf, toStreamState } from './streams.js';
import type { ExecuteResult, LoadedStream } from './types.js';
import { RuleViolationError } from '../errors.js';
import type { ApplicationContext } from '../machines/types.js';
import { releasePlaces } from './quotas.js';
import { commandConflict } from '../commandClaims.js';

/** Work a repeated command finishes if its first run stopped after its own append (a crash before `after`). */
const completions: Partial<Record<CommandType, (stream: LoadedStream, env: DecideEnv) => Promise<unknown>>> = {
  IssueCertificates: (stream, env) => completeCertificates(env.store, stream, env.meta),
  RevokeFiling: (stream, env) => settlePlaces(stream, env, 'filing revoked'),
  AmendScope: (stream, env) => settlePlaces(stream, env, 'scope amended'),
};

/**
 * Gives back the places a filing listed once and no longer holds (a repeated
 * RevokeFiling or AmendScope whose first run stopped after its own append):
 * every place any FilingCompleted / ScopeAmended listed that the current
 * state does not. Releasing is idempotent, so repeating this is harmless.
 */
async function settlePlaces(stream: LoadedStream, env: DecideEnv, reason: string): Promise<void> {
  const ctx = stream.snapshot.context as ApplicationContext;
  if (!ctx.rulePack) return;
  const keep = stream.snapshot.status === 'done' ? [] : ctx.quotaPlaces;
  const listed = new Set<string>();
  for (const e of await env.store.readStream(stream.streamId, { toVersion: stream.version })) {
    const places = (e.data as { quotaPlaces?: string[] } | null)?.quotaPlaces;
    if ((e.type === 'FilingCompleted' || e.type === 'ScopeAmended') && Array.isArray(places)) places.forEach((q) => listed.add(q));
  }
  const gone = [...listed].filter((q) => !keep.includes(q));
  if (gone.length > 0) await releasePlaces(env.store, gone, stream.streamId, { ...env.meta, rulePack: { id: ctx.rulePack.id, version: ctx.rulePack.version } }, reason);
}

/**
 * A commandId that recorded events on this stream is being used again: the
 * same command (a retry) passes; anything else is an IdempotencyConflictError.
 * Events carrying `meta.commandFingerprint` are compared on it; older events
 * on what they carry: the actor, and the command's own event among their types.
 */
function checkSameCommand(command: Command, fingerprint: string, events: StoredEvent[]): void {
  const first = events[0]!;
  const by = `${first.meta.actor.id} (${first.meta.actor.role})`;
  const types = [...new Set(events.map((e) => e.type).filter((t) => t !== 'DeadlineMissed'))];
  const detail = `${command.commandId} recorded ${types.join(', ') || 'DeadlineMissed'} on ${command.streamId} by ${by}; now ${command.type} by ${command.actor.id} (${command.actor.role})`;
  const recorded = first.meta.commandFingerprint;
  if (typeof recorded === 'string') {
    if (recorded !== fingerprint) throw new IdempotencyConflictError(command.commandId, recorded, fingerprint, detail);
    return;
  }
  const own = command.type === 'AmendScope' ? [COMMAND_EVENT.AmendScope, 'ScopeAmendmentProposed'] : [COMMAND_EVENT[command.type]];
  const sameActor = events.every((e) => e.meta.actor.id === command.actor.id && e.meta.actor.role === command.actor.role);
  if (!sameActor || !types.some((t) => own.includes(t))) throw new IdempotencyConflictError(command.commandId, 'unrecorded', fingerprint, detail);
}

/** True when a failed write may have committed: nothing it took may be given back. */
export const mayHaveCommitted = (err: unknown): boolean => err instanceof StoreUnavailableError && err.outcome === 'unknown';
const deciders: Partial<Record<CommandType, Decider>> = { ...applicationDeciders, ...examDeciders };
const CREATES: Partial<Record<CommandType, true>> = { SubmitApplication: true, PlanExam: true };

/**
 * A repeated command: the first result, rebuilt from the stored events (null
 * if the commandId never ran here). Without a snapshot the events are at hand;
 * with one, a command that ran before it costs one read of the stream.
 */
async function replayResult(stream: LoadedStream, command: Command, fingerprint: string, env: DecideEnv): Promise<ExecuteResult | null> {
  const { commandId } = command;
  const range = commandRange(stream, commandId);
  if (!range) return null;
  if (range !== 'before' && range[1] === stream.version) {
    // The usual retry: the command is the stream's latest, its state is the one loaded.
    const events = stream.tail.slice(range[0] - stream.baseVersion - 1).filter((e) => e.meta.commandId === commandId);
    checkSameCommand(command, fingerprint, events);
    return repeatedResult(stream, events, stream.snapshot);
  }
  const all = stream.baseVersion === 0 ? stream.tail : await env.store.readStream(stream.streamId, { toVersion: stream.version });
  const events = all.filter((e) => e.meta.commandId === commandId);
  const last = events[events.length - 1];
  if (!last) return null; // the index and the stream disagree (a snapshot store shared across event stores): a new command
  checkSameCommand(command, fingerprint, events);
  return repeatedResult(stream, events, last.version === stream.version ? stream.snapshot : foldEvents(machines[stream.machine], all.slice(0, last.version)));
}

function repeatedResult(stream: LoadedStream, events: StoredEvent[], snapshot: AnyMachineSnapshot): ExecuteResult {
  const last = events[events.length - 1]!;
  const decision = (events.find((e) => (e.data as { decision?: unknown })?.decision)?.data as { decision?: any } | undefined)?.decision ?? null;
  return { streamId: stream.streamId, version: last.version, state: toStreamState(stream.streamId, stream.machine, snapshot, last.version, last.meta.at), events, decision };
}

function packFor(command: Command, stream: LoadedStream, payload: any, env: DecideEnv, filingPack?: RulePack): RulePack {
  if (command.type === 'SubmitApplication') {
    const pack = env.packs.byId(payload.rulePack);
    if (!pack) throw new ValidationError([{ path: ['payload', 'rulePack'], code: 'unknown_rule_pack', message: `a rule pack passed to createEngine (${env.packs.ids().join(', ') || 'none'})`, received: String(payload.rulePack) }], command.type);
    return pack;
  }
  if (filingPack) return filingPack;
  const ref = (stream.snapshot.context as { rulePack: { id: string; version: string } | null }).rulePack;
  if (!ref) throw new CorruptStoreError(stream.streamId, `the stream has ${stream.version} events but none records its rule pack`, { streamId: stream.streamId, version: stream.version });
  return env.packs.resolve(ref);
}

function ownerOf(stream: LoadedStream): string | null {
  const c = stream.snapshot.context as { applicantId?: string | null; organizerId?: string | null; issuedBy?: string | null };
  return c.applicantId ?? c.organizerId ?? c.issuedBy ?? null;
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
  const machine: MachineName = machineOf(command.streamId);
  if (!(COMMANDS[machine] as readonly string[]).includes(command.type)) {
    throw new ValidationError([{ path: ['streamId'], code: 'wrong_stream', message: `${command.type} acts on a ${(Object.keys(COMMANDS) as MachineName[]).find((m) => (COMMANDS[m] as readonly string[]).includes(command.type))}-<id> stream`, received: command.streamId }], command.type);
  }
  const stream = await env.load(command.streamId);
  const repeated = await replayResult(stream, command, fingerprint, env);
  if (repeated) {
    await completions[command.type]?.(stream, env);
    return repeated;
  }
  // The id may have recorded a different command on another stream: the store knows (and refuses it at append).
  const recorded = await env.store.findCommand?.(command.commandId);
  if (recorded && recorded.fingerprint !== fingerprint) throw commandConflict(recorded, fingerprint, command.streamId);

  const payloadResult = payloadSchemas[command.type].safeParse(command.payload ?? {});
  if (!payloadResult.success) throw new ValidationError(zodIssues(payloadResult.error, ['payload']), command.type);
  const payload = payloadResult.data;
  const state = stateOf(stream).state;
  if (stream.version === 0 && !CREATES[command.type]) throw new InvalidTransitionError(command.streamId, command.type, state, 'the stream has no events');

  let filingPack: RulePack | undefined;
  if (command.type === 'PlanExam') {
    const filing = await env.load((payload as { filingStreamId: string }).filingStreamId);
    if (filing.version === 0) throw new InvalidTransitionError(command.streamId, command.type, state, `${(payload as { filingStreamId: string }).filingStreamId} has no events`);
    const ref = (filing.snapshot.context as { rulePack: { id: string; version: string } | null }).rulePack;
    if (!ref) throw new CorruptStoreError(filing.streamId, `the stream has ${filing.version} events but none records its rule pack`, { streamId: filing.streamId, version: filing.version });
    filingPack = env.packs.resolve(ref);
  }
  const pack = packFor(command, stream, payload, env, filingPack);
  authorize(pack, command.type, command.actor, command.streamId, state, command.type === 'PlanExam' ? null : ownerOf(stream));
  if (!acceptsEventType(stream.snapshot, COMMAND_EVENT[command.type])) throw new InvalidTransitionError(command.streamId, command.type, state);

  const missed = (stream.snapshot.context as { missedDeadlines?: string[] }).missedDeadlines ?? [];
  const step = checkStep(streamDeadlines(pack, machine, stream, env.calendar), command.type, env.today, missed, env.provisional);
  if (step.refused.length > 0) throw new RuleViolationError(command.type, step.refused);

  const decided = await deciders[command.type]!({ command: { ...command, payload } as never, stream, pack, env });
  let result: ExecuteResult;
  try {
    const events = [...step.flagged.map((d) => ({ type: 'DeadlineMissed', data: deadlineMissedData(d, env.today) })), ...decided.events];
    let snapshot = stream.snapshot;
    for (const e of events) {
      if (!acceptsEvent(snapshot, e)) throw new InvalidTransitionError(command.streamId, command.type, state, `the ${machine} machine refuses ${e.type} here`);
      snapshot = foldEvents(machines[machine], [e], snapshot);
    }
    const meta = { ...env.meta, rulePack: { id: pack.id, version: pack.version } };
    const appended = await env.store.append(command.streamId, events.map((e) => ({ type: e.type, data: e.data, meta })), { expectedVersion: stream.version });
    const next = toStreamState(command.streamId, machine, snapshot, appended.nextExpectedVersion, appended.events[appended.events.length - 1]?.meta.at ?? stream.at);
    result = { streamId: command.streamId, version: appended.nextExpectedVersion, state: next, events: appended.events, decision: decided.decision };
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
        throw new StoreUnavailableError(`${command.type} compensation`, 'unknown', { cause: undoErr, detail: `${command.type} failed (${err instanceof Error ? err.message : String(err)}) and its quota places could not be given back; repeat the command with the same commandId` });
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
      throw new StoreUnavailableError(`${command.type} follow-up`, 'unknown', { cause: err, driverCode: err instanceof StoreUnavailableError ? err.driverCode : undefined, detail: `${command.streamId} is at version ${result.version} (${err instanceof Error ? err.message : String(err)}); repeat the command with the same commandId to finish` });
    }
  }
  return result;
}

/** Retries a command after a concurrency conflict (the stream moved under it), at most `maxRetries` times. */
export async function executeWithRetry(raw: unknown, makeEnv: (command: Command) => () => DecideEnv, maxRetries: number): Promise<ExecuteResult> {
  const command = parseCommand(raw);
  const fingerprint = commandFingerprint(command);
  const envOf = makeEnv(command);
  for (let attempt = 0; ; attempt++) {
    try {
      return await executeOnce(command, fingerprint, envOf());
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= maxRetries) throw err;
    }
  }
}

export { foldStream };
