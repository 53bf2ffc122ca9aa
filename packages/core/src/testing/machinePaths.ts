import { getShortestPaths } from 'xstate/graph';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { machines, type MachineEvent, type MachineName } from '@certflow/core';

const finding = (ruleId: string, outcome: string) => ({
  ruleId,
  outcome,
  cite: { document: 'd', clause: 'c', text: 'tt' },
  description: ruleId,
});
const decision = (outcome: string, findings: ReturnType<typeof finding>[]) => ({
  outcome,
  findings,
  rulePack: { id: 'p', version: '1.0.0', hash: 'h' },
  asOf: '2020-06-01',
});
const occupation = {
  code: '6-18-01-01',
  name: '车工',
  levels: [5],
  standard: 'national',
  accessType: false,
  evaluators: 3,
};
const profile = { occupations: [occupation] };

/**
 * The events a path walk may send each machine, with the payloads its guards
 * need (this list replaces xstate's defaults): eligible, needing-review and
 * ineligible screenings; one objection dismissed or upheld; passed and failed
 * results.
 */
export const PATH_EVENTS: Record<MachineName, MachineEvent[]> = {
  application: [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicantId: 'org',
        rulePack: { id: 'p', version: '1.0.0', hash: 'h' },
        profile,
        decision: decision('eligible', [finding('r1', 'pass')]),
      },
    },
    {
      type: 'ApplicationSubmitted',
      data: {
        applicantId: 'org',
        rulePack: { id: 'p', version: '1.0.0', hash: 'h' },
        profile,
        decision: decision('needs-review', [finding('r1', 'review')]),
      },
    },
    {
      type: 'ApplicationSubmitted',
      data: {
        applicantId: 'org',
        rulePack: { id: 'p', version: '1.0.0', hash: 'h' },
        profile,
        decision: decision('ineligible', [finding('r1', 'fail')]),
      },
    },
    { type: 'SupplementRequested', data: { items: ['x'] } },
    { type: 'ApplicationSupplemented', data: { profile, decision: decision('eligible', [finding('r1', 'pass')]) } },
    { type: 'ApplicationAccepted', data: {} },
    { type: 'ApplicationRejected', data: { reason: 'r' } },
    { type: 'EvaluationRecorded', data: { findings: { r1: { outcome: 'pass', note: 'n' } } } },
    { type: 'PublicityStarted', data: {} },
    { type: 'ObjectionRecorded', data: { objectionId: 'o1', text: 't' } },
    { type: 'ObjectionResolved', data: { objectionId: 'o1', upheld: false, resolution: 'r' } },
    { type: 'ObjectionResolved', data: { objectionId: 'o1', upheld: true, resolution: 'r' } },
    {
      type: 'FilingCompleted',
      data: {
        organizationCode: '0000',
        filingNumber: 'f',
        validFrom: '2020-06-01',
        validUntil: '2023-05-31',
        scope: [{ code: '6-18-01-01', levels: [5] }],
        quotaPlaces: [],
      },
    },
    { type: 'ScopeAmendmentProposed', data: { change: { add: [], drop: [{ code: '6-18-01-01', levels: [5] }] } } },
    { type: 'ScopeAmended', data: { change: { add: [{ ...occupation, levels: [4] }], drop: [] }, profile } },
    { type: 'FilingSuspended', data: { reason: 'r' } },
    { type: 'FilingReinstated', data: {} },
    { type: 'FilingRevoked', data: { reason: 'r' } },
    { type: 'FilingExpired', data: { validUntil: '2023-05-31' } },
    { type: 'DeadlineMissed', data: { deadlineId: 'd1' } },
  ],
  exam: [
    {
      type: 'ExamPlanned',
      data: { organizerId: 'org', rulePack: { id: 'p', version: '1.0.0', hash: 'h' }, plan: {}, filing: {} },
    },
    { type: 'ExamPlanFiled', data: {} },
    { type: 'ResultsRecorded', data: { results: [{ idNumber: 'a', passed: true }] } },
    { type: 'ResultsRecorded', data: { results: [{ idNumber: 'a', passed: false }] } },
    { type: 'ResultsPublicityStarted', data: {} },
    { type: 'ResultsConfirmed', data: {} },
    { type: 'CertificatesIssued', data: { certificates: [{ number: 'n1' }] } },
    { type: 'DeadlineMissed', data: { deadlineId: 'd1' } },
  ],
  certificate: [
    { type: 'CertificateIssued', data: { number: 'n1', holder: { name: 'x', idNumber: 'y' } } },
    { type: 'CertificateRevoked', data: { reason: 'r' } },
  ],
};

/** The state value and the context its guards read; nothing else distinguishes two states. */
export function serializeGuardState(snapshot: AnyMachineSnapshot): string {
  // The fields the three machines' guards read; a machine lacks those of the others.
  const c: {
    criteria?: Record<string, string>;
    objections?: Record<string, string>;
    pendingAmendment?: unknown;
    results?: { passed: boolean }[];
  } = snapshot.context;
  const guardContext = {
    criteria: c.criteria ? [...new Set(Object.values(c.criteria))].sort() : undefined,
    objections: c.objections ? [...new Set(Object.values(c.objections))].sort() : undefined,
    pending: c.pendingAmendment === undefined ? undefined : c.pendingAmendment !== null,
    passed: c.results ? c.results.some((r) => r.passed) : undefined,
  };
  return JSON.stringify({ value: snapshot.value, ...guardContext });
}

export interface MachinePath {
  /** The state reached, as a dotted label. */
  state: string;
  snapshot: AnyMachineSnapshot;
  events: MachineEvent[];
}

/** One shortest path to every reachable (state, guard context) of a machine. */
export function machinePaths(name: MachineName): MachinePath[] {
  const machine = machines[name] as AnyStateMachine;
  assertTimeIsEvents(machine);
  const paths = getShortestPaths(machine, {
    events: PATH_EVENTS[name] as never,
    serializeState: serializeGuardState as never,
  });
  return paths.map((p) => ({
    state: label(p.state.value),
    snapshot: p.state as AnyMachineSnapshot,
    events: p.steps.slice(1).map((s) => s.event as unknown as MachineEvent),
  }));
}

/** What assertTimeIsEvents reads of a state node. */
interface TimedNode {
  readonly id: string;
  readonly after: readonly unknown[];
  readonly invoke: readonly unknown[];
  readonly states: Readonly<Record<string, TimedNode>>;
}

/** Pure transitions never fire delays or start invocations: a machine using them cannot be walked (or folded) faithfully. */
export function assertTimeIsEvents(machine: AnyStateMachine): void {
  const walk = (node: TimedNode): void => {
    if ((node.after ?? []).length > 0)
      throw new Error(`${node.id} uses \`after\`: model time as events (DeadlineMissed, FilingExpired)`);
    if ((node.invoke ?? []).length > 0) throw new Error(`${node.id} uses \`invoke\`: machines here are pure folds`);
    Object.values(node.states).forEach(walk);
  };
  walk(machine.root);
}

function label(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0]!;
  return `${k}.${label(v)}`;
}

/** Every leaf state of a machine, as dotted labels (what a walk must reach). */
export function leafStates(name: MachineName): string[] {
  const out: string[] = [];
  interface KeyedNode {
    readonly key: string;
    readonly states: Readonly<Record<string, KeyedNode>>;
  }
  const walk = (node: KeyedNode, prefix: string) => {
    const children = Object.values(node.states);
    if (children.length === 0) out.push(prefix);
    for (const c of children) walk(c, prefix ? `${prefix}.${c.key}` : c.key);
  };
  walk(machines[name].root, '');
  return out.sort();
}
