export {
  CertflowError,
  ConcurrencyError,
  ValidationError,
  InvalidTransitionError,
  ForbiddenError,
  RuleViolationError,
  NotFoundError,
  IdempotencyConflictError,
  StoreUnavailableError,
  CorruptStoreError,
  formatError,
  formatPath,
  issueText,
  prettifyError,
} from './errors.js';
export type { ValidationIssue, Citation, ViolationFinding, ExpectedVersion, CoreErrorParams, CoreErrorCode, FindingTranslator } from './errors.js';
export { ISSUE_CODES, ISSUE_CODE_ALIASES, issueCode } from './issueCodes.js';
export type { IssueCode } from './issueCodes.js';
export { LOCALES, catalogueProblems, formatMessage, formatWith, isLocale, localeFromEnv, placeholdersOf, registerMessages } from './messages.js';
export type { AnyCatalogue, CatalogueProblem, Locale, MessageCatalogue, MessageFn, MessageTable } from './messages.js';
export { coreCatalogue, coreLocales } from './locales/index.js';
export type { CoreLocaleMessages, FindingTexts, IssueView } from './locales/index.js';
export { coreFindings, findingCatalogueProblems, findingTranslator, templatePlaceholders } from './findingTexts.js';
export type { FindingCatalogue } from './findingTexts.js';
export { LABELS, label } from './labels.js';
export type { Label, LabelGroup } from './labels.js';
export {
  EVENT_TYPE_PATTERN,
  ROLES,
  STREAM_ID_PATTERN,
  streamKind,
  actorSchema,
  eventMetaSchema,
  newEventSchema,
  storedEventSchema,
  streamIdSchema,
} from './event.js';
export type {
  Actor,
  EventMeta,
  JsonValue,
  JsonPrimitive,
  NewEvent,
  Role,
  RulePackRef,
  StoredEvent,
  StreamKind,
} from './event.js';
export { canonicalJson, computeEventHash } from './hash.js';
export { canonicalForms, jsonIssues, sealEvents, validateAppend } from './validateEvents.js';
export { iJsonIssues, MAX_JSON_DEPTH } from './validateEvents.js';
export type { CanonicalForms } from './validateEvents.js';
export { zodIssues } from './zodIssues.js';
export { checkExpectedVersion } from './eventStore.js';
export type {
  AppendOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
  SubscriptionHealth,
  RetryOptions,
} from './eventStore.js';
export { runSubscription, subscriptionSet } from './subscriptionRunner.js';
export type { SubscriptionSource } from './subscriptionRunner.js';
export { memoryStore } from './memoryStore.js';
export { commandClaims, commandConflict } from './commandClaims.js';
export type { CommandClaim, RecordedCommand } from './commandClaims.js';
export { verifyLog } from './verifyLog.js';
export type { LogProblem, LogProblemKind, StreamHead, VerifyResult } from './verifyLog.js';
export { checkImport } from './importEvents.js';

// Rule packs: the contract between core and the regions.
export {
  defineRulePack,
  evaluateRules,
  rulesFor,
  pass,
  fail,
  review,
  notApplicable,
} from './rules/rulePack.js';
export { compareVersions, releaseOf } from './rules/rulePack.js';
export type { ReleasePatch } from './rules/rulePack.js';
export type {
  CertificateNumberSpec,
  Decision,
  DeadlineSpec,
  DocumentSchedule,
  FilingValiditySpec,
  Finding,
  Jurisdiction,
  LevelsSpec,
  LocalDate,
  MaterialSpec,
  PackDocument,
  QuotaSpec,
  Rule,
  RuleContext,
  RuleOutcome,
  RulePack,
  RulePackDefinition,
  RuleResult,
} from './rules/rulePack.js';
export {
  LEVELS,
  LEVEL_NAMES,
  ORGANIZATION_KINDS,
  applicantProfileSchema,
  candidateSchema,
  examPlanSchema,
  idCardNumberSchema,
  levelSchema,
  localDateSchema,
  occupationSchema,
  questionBankSchema,
  staffMemberSchema,
  usccSchema,
} from './rules/profile.js';
export type { ApplicantProfile, ExamPlan, Level, Occupation, OrganizationKind, QuestionBank } from './rules/profile.js';
export { isValidUscc, usccCheckCharacter, isValidIdCardNumber, idCardCheckCharacter, maskIdCardNumber } from './rules/checkDigits.js';
export { formatCertificateNumber, parseCertificateNumber } from './rules/certificateNumber.js';
export type { CertificateNumberParts } from './rules/certificateNumber.js';
export { ALL_COMMANDS, COMMANDS, DEFAULT_ROLES, EVENTS } from './rules/vocabulary.js';
export type { CommandType, EventType, MachineName } from './rules/vocabulary.js';
export {
  accessTypeExcludedRule,
  allowedLevelsRule,
  requiredMaterialsRule,
  skillTypeOccupationRule,
  skillTypeOf,
} from './rules/commonRules.js';
export { renderPackSnapshot } from './rules/snapshot.js';

// Engine and machines: commands in, events out, state as a fold.
export { createEngine } from './engine/createEngine.js';
export type { DeadlineSource, Engine } from './engine/createEngine.js';
export type { DeadlineItem, EngineOptions, ExecuteResult, LoadOptions, MachineContexts, StreamState } from './engine/types.js';
export { SYSTEM_ACTOR } from './engine/types.js';
export { COMMAND_EVENT, commandSchema, payloadSchemas } from './engine/commandSchemas.js';
export type { Command, CommandPayloads } from './engine/commandSchemas.js';
export type { CommandArgs, CommandHelpers } from './engine/helpers.js';
export { CalendarRequiredError, ProvisionalCalendarError, chinaLocalDate, lastDayAfterYears } from './engine/calendar.js';
export type { ProvisionalPolicy } from './engine/calendar.js';
export type { WorkingDayCalendar } from './engine/calendar.js';
export { memorySnapshotStore } from './engine/snapshots.js';
export type { SnapshotStore, StoredSnapshot } from './engine/snapshots.js';
export { rolesFor } from './engine/authorize.js';
export { quotaStreamId } from './engine/quotas.js';
export type { ExamPlanFacts } from './engine/decideExam.js';
export { applicationMachine, applyScopeChange } from './machines/applicationMachine.js';
export type { ApplicationEvent, ApplicationEventType, ApplicationMachine } from './machines/applicationMachine.js';
export { examMachine } from './machines/examMachine.js';
export type { ExamEvent, ExamEventType, ExamMachine } from './machines/examMachine.js';
export { certificateMachine } from './machines/certificateMachine.js';
export type { CertificateEvent, CertificateEventType, CertificateMachine } from './machines/certificateMachine.js';
export { machines, foldEvents, initialSnapshot, acceptsEvent, acceptsEventType, stateLabel } from './machines/fold.js';
export { toMermaid } from './machines/mermaid.js';
export type {
  ApplicationContext,
  CandidateResult,
  CertificateContext,
  ExamContext,
  FilingSummary,
  MachineEvent,
  ObjectionStatus,
  PackRef,
  ScopeChange,
  ScopeItem,
} from './machines/types.js';

// Read models: projections of the log, kept up to date by subscriptions and rebuildable from position 0.
export * from './readModels/index.js';
export { allFacts, isLocalDate, optionalFact, perOccupation, worstOf, yesNoFact } from './rules/ruleKit.js';
export { isCalendarCoverageError } from './engine/calendar.js';
export type { CalendarSpanBasis, CalendarYearBasis } from './engine/calendar.js';

// Transparency: an RFC 9162 Merkle tree over the log, C2SP signed checkpoints, proofs and witnesses.
export * from './transparency/index.js';
export { commandFingerprint, MAX_PAYLOAD_DEPTH, parseCommand, payloadIssues } from './engine/commandSchemas.js';
export { encodeBucket, normalizeBucket } from './engine/quotas.js';
export { foldEventsStrict } from './machines/fold.js';
export type { RejectedEvent } from './machines/fold.js';
export { checkHistory, checkStreamHistory, historyReferences, sortViolations } from './streams/checkHistory.js';
export type { HistoryResult, HistoryRule, HistoryViolation } from './streams/checkHistory.js';
export { EVENT_CATALOGUE, eventDataIssues, applicationEvents, examEvents, certificateEvents, quotaEvents } from './streams/catalogue.js';
export type { ApplicationEventData, CertificateEventData, ExamEventData, QuotaEventData, QuotaEventType } from './streams/catalogue.js';
export { createLogChecker, positionMap, StreamHeadTable } from './verifyLog.js';
export type { LogChecker, PositionRegistry } from './verifyLog.js';
export { verifyLogStream, positionRanges } from './verifyLogStream.js';
export { personalEventFields } from './streams/personalFields.js';
export {
  commitPersonalValue,
  openPersonalCommitment,
  PERSONAL_COMMITMENT_SCHEME,
  PERSONAL_SALT_BYTES,
  personal,
  personalFieldPaths,
  personalKindOf,
  maskPersonalValue,
} from './personal/index.js';
export type { PersonalCommitment, PersonalFieldPath, PersonalKind } from './personal/index.js';
