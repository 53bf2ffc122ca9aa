import { assertEvent, assign, setup } from 'xstate';
import { deadlineMissedTransitions, missedDeadlines } from '../missedDeadlines.js';
import type { EventUnion } from '../machineEvent.js';
import type { ExamContext } from './context.js';
import type { ExamEventData, ExamEventType } from './events.js';

export type { ExamEventType };
/** An event of an exam stream, its `data` typed by the catalogue (./events.ts). */
export type ExamEvent = EventUnion<ExamEventData>;

const initialContext: ExamContext = {
  organizerId: null,
  rulePack: null,
  plan: null,
  filing: null,
  results: [],
  certificates: [],
  missedDeadlines: [],
};

// Every non-final state takes DeadlineMissed and its withdrawal (../missedDeadlines.ts).
const deadlineMissed = deadlineMissedTransitions;

/**
 * An assessment session: the plan (occupation, level, schedule, roster and
 * staff), filed ahead of the exam; results, their publicity and
 * confirmation; then certificates for those who passed.
 */
export const examMachine = setup({
  types: { context: {} as ExamContext, events: {} as ExamEvent },
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
  },
  guards: {
    deadlineWasMissed: ({ context, event }) => {
      assertEvent(event, 'DeadlineMissedWithdrawn');
      return missedDeadlines.has(context.missedDeadlines, event.data);
    },
    somebodyPassed: ({ context }) => context.results.some((r) => r.passed),
  },
}).createMachine({
  id: 'exam',
  version: '1.0.0',
  context: initialContext,
  initial: 'draft',
  states: {
    draft: {
      on: {
        ExamPlanned: {
          target: 'planned',
          actions: assign(({ event }) => {
            // The plan's fields sit at the top of the event's data, so a deadline can anchor on `examDate`.
            const { organizerId, rulePack, filing, decision: _decision, ...plan } = event.data;
            return { organizerId, rulePack, filing, plan };
          }),
        },
      },
    },
    planned: { on: { ...deadlineMissed, ExamPlanFiled: 'planFiled' } },
    planFiled: {
      on: {
        ...deadlineMissed,
        ResultsRecorded: { target: 'resultsRecorded', actions: assign({ results: ({ event }) => event.data.results }) },
      },
    },
    resultsRecorded: { on: { ...deadlineMissed, ResultsPublicityStarted: 'resultsPublicity' } },
    resultsPublicity: { on: { ...deadlineMissed, ResultsConfirmed: 'resultsConfirmed' } },
    resultsConfirmed: {
      on: {
        ...deadlineMissed,
        CertificatesIssued: {
          target: 'certificatesIssued',
          guard: 'somebodyPassed',
          actions: assign({ certificates: ({ event }) => event.data.certificates.map((c) => c.number) }),
        },
      },
    },
    certificatesIssued: { type: 'final' },
  },
});

export type ExamMachine = typeof examMachine;
