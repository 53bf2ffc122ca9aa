import { createEngine, evaluateRules, memoryStore, type Decision, type RulePack } from '@certflow/core';
import type { RuleCase } from './ruleCases.js';
import { testCalendar } from './testCalendar.js';

/**
 * A `screen` hook for `describeRulePack`: runs a SubmitApplication case
 * through a fresh engine on a memory store, as a host would, and returns the
 * decision the engine recorded in ApplicationSubmitted. Cases of other
 * commands (PlanExam facts need an active filing) are evaluated by the
 * pack's rules directly.
 */
export async function screenWithEngine(pack: RulePack, facts: unknown, c: RuleCase): Promise<Decision> {
  const command = c.command ?? 'SubmitApplication';
  if (command !== 'SubmitApplication') return evaluateRules(pack, facts, { asOf: c.asOf, command });
  const engine = createEngine({
    store: memoryStore(),
    rulePacks: [pack],
    calendar: testCalendar(),
    clock: () => new Date(`${c.asOf}T09:00:00+08:00`),
  });
  const result = await engine.applications.submit({
    streamId: 'application-screen',
    actor: { id: 'applicant-screen', role: 'applicant' },
    payload: { ...(facts as object), rulePack: pack.id } as never,
  });
  const recorded = (result.events[0]!.data as unknown as { decision: Decision }).decision;
  return recorded;
}
