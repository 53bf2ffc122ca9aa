import { describe, expect, it, vi } from 'vitest';
import {
  createEngine,
  ForbiddenError,
  InvalidTransitionError,
  memoryStore,
  ValidationError,
  type ExecuteResult,
} from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';

// A command added the way a contributor adds one: its definition in its
// stream's commands.ts, its transition in machine.ts, and (because it records
// an event the stream did not hold before) that event's schema in events.ts.
// These three modules of streams/application/ are the only ones replaced
// here; the engine, the envelope check, the default roles, the recorded event,
// the helper `engine.applications.withdraw` and the catalogue all follow from them.

vi.mock('./application/events.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./application/events.js')>();
  const { z } = await import('zod');
  return {
    ...original,
    applicationEvents: {
      ...original.applicationEvents,
      ApplicationWithdrawn: z.looseObject({ reason: z.string().min(1) }),
    },
  };
});

vi.mock('./application/machine.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./application/machine.js')>();
  const { createMachine } = await import('xstate');
  const config = original.applicationMachine.config;
  const states = config.states!;
  const withdrawable = (name: 'submitted' | 'supplementRequested') => ({
    ...states[name],
    on: { ...states[name]!.on, ApplicationWithdrawn: 'withdrawn' },
  });
  const extended = createMachine({
    ...config,
    states: {
      ...states,
      submitted: withdrawable('submitted'),
      supplementRequested: withdrawable('supplementRequested'),
      withdrawn: { type: 'final' },
    },
  }).provide(original.applicationMachine.implementations);
  return { ...original, applicationMachine: extended };
});

vi.mock('./application/commands.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./application/commands.js')>();
  const { defineCommand, toJson } = await import('./defineCommand.js');
  const { z } = await import('zod');
  const WithdrawApplication = defineCommand({
    stream: 'application',
    // A new event type: typed once the catalogue (events.ts) holds it; the fixture names it as data.
    records: 'ApplicationWithdrawn' as 'ApplicationRejected',
    roles: ['applicant'],
    helper: 'withdraw',
    payload: z.looseObject({ reason: z.string().trim().min(1) }),
    decide: (i) => ({
      decision: null,
      events: [{ type: 'ApplicationWithdrawn' as 'ApplicationRejected', data: toJson(i.command.payload) }],
    }),
  });
  return { ...original, applicationCommands: { ...original.applicationCommands, WithdrawApplication } };
});

const org = { id: 'org-1', role: 'applicant' as const };
const streamId = 'application-withdrawn';

async function submitted() {
  const store = memoryStore();
  const engine = createEngine({
    store,
    rulePacks: [testRulePack],
    calendar: testCalendar(),
    clock: () => new Date('2020-06-01T09:00:00+08:00'),
  });
  await engine.applications.submit({ streamId, actor: org, payload: { ...testProfile(), rulePack: testRulePack.id } });
  return { store, engine };
}

describe('a command defined in its stream only', () => {
  it('runs through execute: its event recorded, its state reached', async () => {
    const { store, engine } = await submitted();
    const r = await engine.execute({
      type: 'WithdrawApplication' as 'RejectApplication',
      streamId,
      commandId: 'w-1',
      actor: org,
      payload: { reason: '不再申请' },
    });
    expect(r.state.state).toBe('withdrawn');
    expect(r.state.done).toBe(true);
    expect(r.events.map((e) => [e.type, e.data])).toEqual([['ApplicationWithdrawn', { reason: '不再申请' }]]);
    expect((await engine.load(streamId)).state).toBe('withdrawn');
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'ApplicationWithdrawn',
    ]);
  });

  it('has its helper, default roles, payload check and machine check', async () => {
    const { engine } = await submitted();
    // Typed helpers come from the built-in table; this one exists at run time, from the extra definition.
    const withdraw = (Object.getOwnPropertyDescriptor(engine.applications, 'withdraw')?.value ?? null) as
      | ((a: unknown) => Promise<ExecuteResult>)
      | null;
    if (!withdraw) throw new Error('engine.applications.withdraw is missing');
    await expect(
      withdraw({ streamId, actor: { id: 'c', role: 'city-center' }, payload: { reason: 'x' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(withdraw({ streamId, actor: org, payload: {} })).rejects.toBeInstanceOf(ValidationError);
    expect((await withdraw({ streamId, actor: org, payload: { reason: '撤回' } })).state.state).toBe('withdrawn');
    await expect(withdraw({ streamId, actor: org, payload: { reason: 'again' } })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it('is a command of the application stream only', async () => {
    const { engine } = await submitted();
    const onExam = engine.execute({
      type: 'WithdrawApplication' as 'RejectApplication',
      streamId: 'exam-1',
      commandId: 'w-2',
      actor: org,
      payload: { reason: 'x' },
    });
    await expect(onExam).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [expect.objectContaining({ code: 'wrong_stream' })],
    });
  });
});
