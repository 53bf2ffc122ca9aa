import type { Role } from '../event.js';

/** The commands host systems call (ARCHITECTURE.md, "Commands"). Names are contract. */
export const COMMANDS = {
  application: [
    'SubmitApplication',
    'RequestSupplement',
    'SupplementApplication',
    'AcceptApplication',
    'RejectApplication',
    'RecordEvaluation',
    'StartPublicity',
    'RecordObjection',
    'ResolveObjection',
    'CompleteFiling',
    'AmendScope',
    'SuspendFiling',
    'ReinstateFiling',
    'RevokeFiling',
  ],
  exam: ['PlanExam', 'FileExamPlan', 'RecordResults', 'StartResultsPublicity', 'ConfirmResults', 'IssueCertificates'],
  certificate: ['RevokeCertificate'],
} as const;

export type MachineName = keyof typeof COMMANDS;
export type CommandType = (typeof COMMANDS)[MachineName][number];
export const ALL_COMMANDS: readonly CommandType[] = [...COMMANDS.application, ...COMMANDS.exam, ...COMMANDS.certificate];

/** The events the machines record. Deadlines anchor on these names. */
export const EVENTS = {
  application: [
    'ApplicationSubmitted',
    'SupplementRequested',
    'ApplicationSupplemented',
    'ApplicationAccepted',
    'ApplicationRejected',
    'EvaluationRecorded',
    'PublicityStarted',
    'ObjectionRecorded',
    'ObjectionResolved',
    'FilingCompleted',
    'ScopeAmendmentProposed',
    'ScopeAmended',
    'FilingSuspended',
    'FilingReinstated',
    'FilingRevoked',
    'FilingExpired',
    'DeadlineMissed',
    'DeadlineMissedWithdrawn',
  ],
  exam: [
    'ExamPlanned',
    'ExamPlanFiled',
    'ResultsRecorded',
    'ResultsPublicityStarted',
    'ResultsConfirmed',
    'CertificatesIssued',
    'DeadlineMissed',
    'DeadlineMissedWithdrawn',
  ],
  certificate: ['CertificateIssued', 'CertificateRevoked'],
} as const;
export type EventType = (typeof EVENTS)[MachineName][number];

const CENTRES: Role[] = ['city-center', 'provincial-center'];
const EVERYONE_BUT_AUDITOR: Role[] = ['applicant', 'city-center', 'provincial-center', 'expert', 'supervisor'];

/** Default roles per command; a pack may narrow them (never widen to `auditor`). */
export const DEFAULT_ROLES: Record<CommandType, readonly Role[]> = {
  SubmitApplication: ['applicant'],
  RequestSupplement: CENTRES,
  SupplementApplication: ['applicant'],
  AcceptApplication: CENTRES,
  RejectApplication: CENTRES,
  RecordEvaluation: ['expert'],
  StartPublicity: CENTRES,
  RecordObjection: EVERYONE_BUT_AUDITOR,
  ResolveObjection: CENTRES,
  CompleteFiling: CENTRES,
  AmendScope: ['applicant', ...CENTRES],
  SuspendFiling: CENTRES,
  ReinstateFiling: CENTRES,
  RevokeFiling: CENTRES,
  PlanExam: ['applicant'],
  FileExamPlan: ['applicant'],
  RecordResults: ['applicant'],
  StartResultsPublicity: ['applicant'],
  ConfirmResults: CENTRES,
  IssueCertificates: ['applicant'],
  RevokeCertificate: ['applicant', ...CENTRES],
};
