import { randomUUID } from 'node:crypto';
import type { Actor } from '../event.js';
import type { CommandType } from '../domain/vocabulary.js';
import type { Command, CommandPayloads } from './commandSchemas.js';
import type { ApplicationContext } from '../streams/application/context.js';
import type { CertificateContext } from '../streams/certificate/context.js';
import type { ExamContext } from '../streams/exam/context.js';
import type { ExecuteResult } from './types.js';

/** What a typed helper takes: the stream, who acts, the payload; a commandId is generated when absent. */
export interface CommandArgs<T extends CommandType> {
  /** The stream the command acts on: `application-…`, `exam-…` or `certificate-…` as the command's machine requires. */
  streamId: string;
  /** Who acts: the host's id for the person or organization and its role (checked against the pack's roles per command). */
  actor: Actor;
  /** The command's payload (e.g. the applicant profile and `rulePack` for SubmitApplication); commands without one omit it. */
  payload?: CommandPayloads[T];
  /** Idempotency key: a command sent again with the same id returns its first result and records nothing. Default: a random UUID. */
  commandId?: string;
  /** Ties the recorded events to a wider operation of the host (`meta.correlationId`). */
  correlationId?: string;
}

/** The context of the machine a command belongs to, so a helper's result is typed for its stream. */
type ContextOf<T extends CommandType> = T extends 'PlanExam' | 'FileExamPlan' | 'RecordResults' | 'StartResultsPublicity' | 'ConfirmResults' | 'IssueCertificates'
  ? ExamContext
  : T extends 'RevokeCertificate'
    ? CertificateContext
    : ApplicationContext;

type Helper<T extends CommandType> = (args: CommandArgs<T>) => Promise<ExecuteResult<ContextOf<T>>>;

/**
 * `engine.applications.*`, `engine.exams.*`, `engine.certificates.*`: one typed
 * function per command, each `engine.execute` with the command's type filled in.
 * Roles are the defaults (a pack may narrow them; `auditor` never writes);
 * a command the state does not take is an `InvalidTransitionError`, a role
 * that may not issue it a `ForbiddenError`, and neither records anything.
 * States are those of docs/machines.md.
 */
export interface CommandHelpers {
  /** The filing of an organization (备案), on `application-…` streams. */
  applications: {
    /** `SubmitApplication`. Roles: applicant. State: a stream without events (draft) → submitted; screens the profile and records the decision. */
    submit: Helper<'SubmitApplication'>;
    /** `RequestSupplement`. Roles: city-center, provincial-center. State: submitted or evaluation → supplementRequested. */
    requestSupplement: Helper<'RequestSupplement'>;
    /** `SupplementApplication`. Roles: applicant. State: supplementRequested → submitted. */
    supplement: Helper<'SupplementApplication'>;
    /** `AcceptApplication`. Roles: city-center, provincial-center. State: submitted → evaluation; refused while the screening is ineligible. */
    accept: Helper<'AcceptApplication'>;
    /** `RejectApplication`. Roles: city-center, provincial-center. State: submitted, supplementRequested, evaluation or publicity → rejected. */
    reject: Helper<'RejectApplication'>;
    /** `RecordEvaluation`. Roles: expert. State: evaluation (stays): the expert's findings on the criteria left for review. */
    recordEvaluation: Helper<'RecordEvaluation'>;
    /** `StartPublicity`. Roles: city-center, provincial-center. State: evaluation → publicity once every criterion passed (else RuleViolationError). */
    startPublicity: Helper<'StartPublicity'>;
    /** `RecordObjection`. Roles: any role but auditor. State: publicity (stays): a new objection. */
    recordObjection: Helper<'RecordObjection'>;
    /** `ResolveObjection`. Roles: city-center, provincial-center. State: publicity (stays): settles an open objection. */
    resolveObjection: Helper<'ResolveObjection'>;
    /** `CompleteFiling`. Roles: city-center, provincial-center. State: publicity → filed.active after the minimum publicity period, no objection open or upheld. */
    completeFiling: Helper<'CompleteFiling'>;
    /** `AmendScope`. Roles: applicant, city-center, provincial-center. State: filed.active (stays): changes the occupations and levels, screened by the pack. */
    amendScope: Helper<'AmendScope'>;
    /** `SuspendFiling`. Roles: city-center, provincial-center. State: filed.active → filed.suspended. */
    suspend: Helper<'SuspendFiling'>;
    /** `ReinstateFiling`. Roles: city-center, provincial-center. State: filed.suspended → filed.active. */
    reinstate: Helper<'ReinstateFiling'>;
    /** `RevokeFiling`. Roles: city-center, provincial-center. State: filed → revoked. */
    revoke: Helper<'RevokeFiling'>;
  };
  /** An assessment session, on `exam-…` streams. */
  exams: {
    /** `PlanExam`. Roles: applicant. State: a new exam stream → planned; needs an active filing whose scope holds the occupation and level. */
    plan: Helper<'PlanExam'>;
    /** `FileExamPlan`. Roles: applicant. State: planned → planFiled, within the pack's lead time before examDate. */
    file: Helper<'FileExamPlan'>;
    /** `RecordResults`. Roles: applicant. State: planFiled → resultsRecorded. */
    recordResults: Helper<'RecordResults'>;
    /** `StartResultsPublicity`. Roles: applicant. State: resultsRecorded → resultsPublicity. */
    startResultsPublicity: Helper<'StartResultsPublicity'>;
    /** `ConfirmResults`. Roles: city-center, provincial-center. State: resultsPublicity → resultsConfirmed after the minimum publicity period. */
    confirmResults: Helper<'ConfirmResults'>;
    /** `IssueCertificates`. Roles: applicant. State: resultsConfirmed → certificatesIssued (somebody passed); numbers each certificate by the pack's rule. */
    issueCertificates: Helper<'IssueCertificates'>;
  };
  /** One 职业技能等级证书, on `certificate-…` streams. */
  certificates: {
    /** `RevokeCertificate`. Roles: applicant, city-center, provincial-center. State: valid → revoked. */
    revoke: Helper<'RevokeCertificate'>;
  };
}

export function commandHelpers(execute: (c: Command) => Promise<ExecuteResult>): CommandHelpers {
  const h =
    <T extends CommandType>(type: T): Helper<T> =>
    (a) =>
      // Anything but an object goes to execute as it is, which refuses it with a ValidationError.
      (typeof a !== 'object' || a === null ? execute(a as never) : execute({ type, streamId: a.streamId, actor: a.actor, commandId: a.commandId ?? randomUUID(), ...(a.correlationId ? { correlationId: a.correlationId } : {}), payload: a.payload ?? ({} as CommandPayloads[T]) } as Command)) as Promise<ExecuteResult<ContextOf<T>>>;
  return {
    applications: {
      submit: h('SubmitApplication'),
      requestSupplement: h('RequestSupplement'),
      supplement: h('SupplementApplication'),
      accept: h('AcceptApplication'),
      reject: h('RejectApplication'),
      recordEvaluation: h('RecordEvaluation'),
      startPublicity: h('StartPublicity'),
      recordObjection: h('RecordObjection'),
      resolveObjection: h('ResolveObjection'),
      completeFiling: h('CompleteFiling'),
      amendScope: h('AmendScope'),
      suspend: h('SuspendFiling'),
      reinstate: h('ReinstateFiling'),
      revoke: h('RevokeFiling'),
    },
    exams: {
      plan: h('PlanExam'),
      file: h('FileExamPlan'),
      recordResults: h('RecordResults'),
      startResultsPublicity: h('StartResultsPublicity'),
      confirmResults: h('ConfirmResults'),
      issueCertificates: h('IssueCertificates'),
    },
    certificates: { revoke: h('RevokeCertificate') },
  };
}
