import { assign, setup } from 'xstate';
import type { EventUnion } from '../machineEvent.js';
import type { CertificateContext } from './context.js';
import type { CertificateEventData, CertificateEventType } from './events.js';

export type { CertificateEventType };
/** An event of a certificate stream, its `data` typed by the catalogue (./events.ts). */
export type CertificateEvent = EventUnion<CertificateEventData>;

const initialContext: CertificateContext = {
  number: null,
  holder: null,
  occupation: null,
  examStreamId: null,
  issuedBy: null,
  rulePack: null,
  revocationReason: null,
};

/** A 职业技能等级证书: issued to one person who passed, until revoked. */
export const certificateMachine = setup({
  types: { context: {} as CertificateContext, events: {} as CertificateEvent },
}).createMachine({
  id: 'certificate',
  version: '1.0.0',
  context: initialContext,
  initial: 'draft',
  states: {
    draft: {
      on: {
        CertificateIssued: {
          target: 'valid',
          actions: assign(({ event }) => ({
            number: event.data.number,
            holder: event.data.holder,
            occupation: event.data.occupation,
            examStreamId: event.data.examStreamId,
            issuedBy: event.data.issuedBy,
            rulePack: event.data.rulePack,
          })),
        },
      },
    },
    valid: {
      on: {
        CertificateRevoked: {
          target: 'revoked',
          actions: assign({ revocationReason: ({ event }) => event.data.reason }),
        },
      },
    },
    revoked: { type: 'final' },
  },
});

export type CertificateMachine = typeof certificateMachine;
