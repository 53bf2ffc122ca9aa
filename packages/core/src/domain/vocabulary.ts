/**
 * The names of the commands host systems call (ARCHITECTURE.md, "Commands"),
 * by stream kind: the words rule packs may use (roles, deadlines, rules'
 * `appliesTo`), checked when a pack is defined. Names are contract. What a
 * command does is defined once, in its stream's commands.ts
 * (`defineCommand`); a test holds the two to the same names.
 */
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
export const ALL_COMMANDS: readonly CommandType[] = [
  ...COMMANDS.application,
  ...COMMANDS.exam,
  ...COMMANDS.certificate,
];
