import { randomUUID } from 'node:crypto';
import type { Actor } from '../event.js';
import type { CommandType } from '../rules/vocabulary.js';
import type { Command, CommandPayloads } from './commandSchemas.js';
import type { ApplicationContext, CertificateContext, ExamContext } from '../machines/types.js';
import type { ExecuteResult } from './types.js';

/** What a typed helper takes: the stream, who acts, the payload; a commandId is generated when absent. */
export interface CommandArgs<T extends CommandType> {
  streamId: string;
  actor: Actor;
  payload?: CommandPayloads[T];
  commandId?: string;
  correlationId?: string;
}

/** The context of the machine a command belongs to, so a helper's result is typed for its stream. */
type ContextOf<T extends CommandType> = T extends 'PlanExam' | 'FileExamPlan' | 'RecordResults' | 'StartResultsPublicity' | 'ConfirmResults' | 'IssueCertificates'
  ? ExamContext
  : T extends 'RevokeCertificate'
    ? CertificateContext
    : ApplicationContext;

type Helper<T extends CommandType> = (args: CommandArgs<T>) => Promise<ExecuteResult<ContextOf<T>>>;

export interface CommandHelpers {
  applications: {
    submit: Helper<'SubmitApplication'>;
    requestSupplement: Helper<'RequestSupplement'>;
    supplement: Helper<'SupplementApplication'>;
    accept: Helper<'AcceptApplication'>;
    reject: Helper<'RejectApplication'>;
    recordEvaluation: Helper<'RecordEvaluation'>;
    startPublicity: Helper<'StartPublicity'>;
    recordObjection: Helper<'RecordObjection'>;
    resolveObjection: Helper<'ResolveObjection'>;
    completeFiling: Helper<'CompleteFiling'>;
    amendScope: Helper<'AmendScope'>;
    suspend: Helper<'SuspendFiling'>;
    reinstate: Helper<'ReinstateFiling'>;
    revoke: Helper<'RevokeFiling'>;
  };
  exams: {
    plan: Helper<'PlanExam'>;
    file: Helper<'FileExamPlan'>;
    recordResults: Helper<'RecordResults'>;
    startResultsPublicity: Helper<'StartResultsPublicity'>;
    confirmResults: Helper<'ConfirmResults'>;
    issueCertificates: Helper<'IssueCertificates'>;
  };
  certificates: {
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
