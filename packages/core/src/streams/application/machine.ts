import { assertEvent, assign, setup } from 'xstate';
import { deadlineMissedTransitions, missedDeadlines } from '../missedDeadlines.js';
import type { Decision, RuleOutcome } from '../../rules/rulePack.js';
import type { EventUnion } from '../machineEvent.js';
import type { ApplicationContext, ScopeChange, ScopeItem } from './context.js';
import type { ApplicationEventData, ApplicationEventType } from './events.js';

export type { ApplicationEventType };
/** An event of an application stream, its `data` typed by the catalogue (./events.ts). */
export type ApplicationEvent = EventUnion<ApplicationEventData>;

const initialContext: ApplicationContext = {
  applicantId: null,
  rulePack: null,
  profile: null,
  decision: null,
  criteria: {},
  objections: {},
  organizationCode: null,
  filingNumber: null,
  validFrom: null,
  validUntil: null,
  scope: [],
  pendingAmendment: null,
  quotaPlaces: [],
  missedDeadlines: [],
};

const criteriaOf = (d: Decision): Record<string, RuleOutcome> =>
  Object.fromEntries(d.findings.map((f) => [f.ruleId, f.outcome]));

const settled = (o: RuleOutcome) => o === 'pass' || o === 'not-applicable';

/** The scope after a change: dropped levels (or whole occupations) removed, added ones merged. */
export function applyScopeChange(scope: ScopeItem[], change: ScopeChange): ScopeItem[] {
  const out = new Map(scope.map((s) => [s.code, [...s.levels]]));
  for (const d of change.drop) {
    if (!d.levels) out.delete(d.code);
    else
      out.set(
        d.code,
        (out.get(d.code) ?? []).filter((l) => !d.levels!.includes(l)),
      );
  }
  for (const a of change.add) out.set(a.code, [...new Set([...(out.get(a.code) ?? []), ...a.levels])].sort());
  return [...out].filter(([, ls]) => ls.length > 0).map(([code, levels]) => ({ code, levels }));
}

// Every non-final state takes DeadlineMissed and its withdrawal (../missedDeadlines.ts).
const deadlineMissed = deadlineMissedTransitions;

/**
 * The filing of an organization (备案): submission and screening, supplements,
 * acceptance, expert evaluation, publicity with objections, the filing
 * receipt, then supervision until revocation or expiry. Events only: the
 * engine decides, this machine folds.
 */
export const applicationMachine = setup({
  types: { context: {} as ApplicationContext, events: {} as ApplicationEvent },
  guards: {
    deadlineWasMissed: ({ context, event }) => {
      assertEvent(event, 'DeadlineMissedWithdrawn');
      return missedDeadlines.has(context.missedDeadlines, event.data);
    },
    notIneligible: ({ context }) => !Object.values(context.criteria).includes('fail'),
    allCriteriaPassed: ({ context }) => Object.values(context.criteria).every(settled),
    noOpenOrUpheldObjection: ({ context }) => Object.values(context.objections).every((s) => s === 'dismissed'),
    objectionIsOpen: ({ context, event }) => {
      assertEvent(event, 'ObjectionResolved');
      return context.objections[String(event.data.objectionId)] === 'open';
    },
    objectionIsNew: ({ context, event }) => {
      assertEvent(event, 'ObjectionRecorded');
      return context.objections[String(event.data.objectionId)] === undefined;
    },
    amendmentPending: ({ context }) => context.pendingAmendment !== null,
  },
  actions: {
    recordMissedDeadline: assign({
      missedDeadlines: ({ context, event }) => {
        assertEvent(event, 'DeadlineMissed');
        return missedDeadlines.record(context.missedDeadlines, event.data);
      },
    }),
    withdrawMissedDeadline: assign({
      missedDeadlines: ({ context, event }) => {
        assertEvent(event, 'DeadlineMissedWithdrawn');
        return missedDeadlines.withdraw(context.missedDeadlines, event.data);
      },
    }),
    screen: assign(({ event }) => {
      assertEvent(event, ['ApplicationSubmitted', 'ApplicationSupplemented']);
      return { profile: event.data.profile, decision: event.data.decision, criteria: criteriaOf(event.data.decision) };
    }),
  },
}).createMachine({
  id: 'application',
  version: '1.1.0',
  context: initialContext,
  initial: 'draft',
  states: {
    draft: {
      on: {
        ApplicationSubmitted: {
          target: 'submitted',
          actions: [
            'screen',
            assign({
              applicantId: ({ event }) => event.data.applicantId,
              rulePack: ({ event }) => event.data.rulePack,
            }),
          ],
        },
      },
    },
    submitted: {
      on: {
        ...deadlineMissed,
        SupplementRequested: 'supplementRequested',
        ApplicationAccepted: { target: 'evaluation', guard: 'notIneligible' },
        ApplicationRejected: 'rejected',
      },
    },
    supplementRequested: {
      on: {
        ...deadlineMissed,
        ApplicationSupplemented: { target: 'submitted', actions: 'screen' },
        ApplicationRejected: 'rejected',
      },
    },
    evaluation: {
      on: {
        ...deadlineMissed,
        EvaluationRecorded: {
          actions: assign({
            criteria: ({ context, event }) => ({
              ...context.criteria,
              ...Object.fromEntries(Object.entries(event.data.findings).map(([k, v]) => [k, v.outcome])),
            }),
          }),
        },
        SupplementRequested: 'supplementRequested',
        PublicityStarted: { target: 'publicity', guard: 'allCriteriaPassed' },
        ApplicationRejected: 'rejected',
      },
    },
    publicity: {
      on: {
        ...deadlineMissed,
        ObjectionRecorded: {
          guard: 'objectionIsNew',
          actions: assign({
            objections: ({ context, event }) => ({ ...context.objections, [event.data.objectionId]: 'open' as const }),
          }),
        },
        ObjectionResolved: {
          guard: 'objectionIsOpen',
          actions: assign({
            objections: ({ context, event }) => ({
              ...context.objections,
              [event.data.objectionId]: event.data.upheld ? ('upheld' as const) : ('dismissed' as const),
            }),
          }),
        },
        FilingCompleted: {
          target: 'filed',
          guard: 'noOpenOrUpheldObjection',
          actions: assign(({ event }) => ({
            organizationCode: event.data.organizationCode,
            filingNumber: event.data.filingNumber,
            validFrom: event.data.validFrom,
            validUntil: event.data.validUntil,
            scope: event.data.scope,
            quotaPlaces: event.data.quotaPlaces,
          })),
        },
        ApplicationRejected: 'rejected',
      },
    },
    filed: {
      initial: 'active',
      on: {
        ...deadlineMissed,
        FilingRevoked: 'revoked',
        FilingExpired: 'expired',
      },
      states: {
        active: {
          on: {
            ScopeAmendmentProposed: { actions: assign({ pendingAmendment: ({ event }) => event.data.change }) },
            ScopeAmended: {
              actions: assign(({ context, event }) => ({
                scope: applyScopeChange(context.scope, event.data.change),
                profile: event.data.profile,
                pendingAmendment: null,
                // A scope change takes and gives back quota places (recorded since machine 1.1.0).
                quotaPlaces: event.data.quotaPlaces ?? context.quotaPlaces,
              })),
            },
            FilingSuspended: 'suspended',
          },
        },
        suspended: {
          on: { FilingReinstated: 'active' },
        },
      },
    },
    rejected: { type: 'final' },
    revoked: { type: 'final' },
    expired: { type: 'final' },
  },
});

export type ApplicationMachine = typeof applicationMachine;
