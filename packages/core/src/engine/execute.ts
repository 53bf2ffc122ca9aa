import type { AnyMachineSnapshot } from 'xstate';
import type { StoredEvent } from '../event.js';
import { ConcurrencyError, InvalidTransitionError, ValidationError } from '../errors.js';
import { acceptsEvent, acceptsEventType, foldEvents, machines } from '../machines/fold.js';
import type { RulePack } from '../rules/rulePack.js';
import { COMMANDS, type CommandType, type MachineName } from '../rules/vocabulary.js';
import { zodIssues } from '../zodIssues.js';
import { authorize } from './authorize.js';
import { COMMAND_EVENT, commandSchema, payloadSchemas, type Command } from './commandSchemas.js';
import { applicationDeciders } from './decideApplication.js';
import type { Decider, DecideEnv } from './decide.js';
import { examDeciders } from './decideExam.js';
import { completeCertificates } from './certificates.js';
import { checkStep, deadlineMissedData, streamDeadlines } from './deadlines.js';
import { commandRange } from './history.js';
import { foldStream, machineOf, stateOf, toStreamState } from './streams.js';
import type { ExecuteResult, LoadedStream } from './types.js';
import { RuleViolationError } from '../errors.js';

/** Work a repeated command finishes if its first run stopped after its own append (a crash before `after`). */
const completions: Partial<Record<CommandType, (stream: LoadedStream, env: DecideEnv) => Promise<unknown>>> = {
  IssueCertificates: (stream, env) => completeCertificates(env.store, stream, env.meta),
};
const deciders: Partial<Record<CommandType, Decider>> = { ...applicationDeciders, ...examDeciders };
const CREATES: Partial<Record<CommandType, true>> = { SubmitApplication: true, PlanExam: true };

/**
 * A repeated command: the first result, rebuilt from the stored events (null
 * if the commandId never ran here). Without a snapshot the events are at hand;
 * with one, a command that ran before it costs one read of the stream.
 */
async function replayResult(stream: LoadedStream, commandId: string, env: DecideEnv): Promise<ExecuteResult | null> {
  const range = commandRange(stream, commandId);
  if (!range) return null;
  if (range !== 'before' && range[1] === stream.version) {
    // The usual retry: the command is the stream's latest, its state is the one loaded.
    const events = stream.tail.slice(range[0] - stream.baseVersion - 1).filter((e) => e.meta.commandId === commandId);
    return repeatedResult(stream, events, stream.snapshot);
  }
  const all = stream.baseVersion === 0 ? stream.tail : await env.store.readStream(stream.streamId, { toVersion: stream.version });
  const events = all.filter((e) => e.meta.commandId === commandId);
  const last = events[events.length - 1];
  if (!last) return null; // the index and the stream disagree (a snapshot store shared across event stores): a new command
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
  return env.packs.resolve((stream.snapshot.context as { rulePack: { id: string; version: string } }).rulePack);
}

function ownerOf(stream: LoadedStream): string | null {
  const c = stream.snapshot.context as { applicantId?: string | null; organizerId?: string | null; issuedBy?: string | null };
  return c.applicantId ?? c.organizerId ?? c.issuedBy ?? null;
}

/** One attempt: validate, load, check, decide, append. Throws ConcurrencyError for the caller to retry. */
export async function executeOnce(raw: Command, env: DecideEnv): Promise<ExecuteResult> {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error), 'command');
  const command = parsed.data as Command;
  const machine: MachineName = machineOf(command.streamId);
  if (!(COMMANDS[machine] as readonly string[]).includes(command.type)) {
    throw new ValidationError([{ path: ['streamId'], code: 'wrong_stream', message: `${command.type} acts on a ${(Object.keys(COMMANDS) as MachineName[]).find((m) => (COMMANDS[m] as readonly string[]).includes(command.type))}-<id> stream`, received: command.streamId }], command.type);
  }
  const stream = await env.load(command.streamId);
  const repeated = await replayResult(stream, command.commandId, env);
  if (repeated) {
    await completions[command.type]?.(stream, env);
    return repeated;
  }

  const payloadResult = payloadSchemas[command.type].safeParse(command.payload ?? {});
  if (!payloadResult.success) throw new ValidationError(zodIssues(payloadResult.error, ['payload']), command.type);
  const payload = payloadResult.data;
  const state = stateOf(stream).state;
  if (stream.version === 0 && !CREATES[command.type]) throw new InvalidTransitionError(command.streamId, command.type, state, 'the stream has no events');

  let filingPack: RulePack | undefined;
  if (command.type === 'PlanExam') {
    const filing = await env.load((payload as { filingStreamId: string }).filingStreamId);
    if (filing.version === 0) throw new InvalidTransitionError(command.streamId, command.type, state, `${(payload as { filingStreamId: string }).filingStreamId} has no events`);
    filingPack = env.packs.resolve((filing.snapshot.context as { rulePack: { id: string; version: string } }).rulePack);
  }
  const pack = packFor(command, stream, payload, env, filingPack);
  authorize(pack, command.type, command.actor, command.streamId, state, command.type === 'PlanExam' ? null : ownerOf(stream));
  if (!acceptsEventType(stream.snapshot, COMMAND_EVENT[command.type])) throw new InvalidTransitionError(command.streamId, command.type, state);

  const missed = (stream.snapshot.context as { missedDeadlines?: string[] }).missedDeadlines ?? [];
  const step = checkStep(streamDeadlines(pack, machine, stream, env.calendar), command.type, env.today, missed);
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
    await decided.undo?.();
    throw err;
  }
  await decided.after?.();
  return result;
}

/** Retries a command after a concurrency conflict (the stream moved under it), at most `maxRetries` times. */
export async function executeWithRetry(command: Command, makeEnv: () => DecideEnv, maxRetries: number): Promise<ExecuteResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await executeOnce(command, makeEnv());
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= maxRetries) throw err;
    }
  }
}

export { foldStream };
