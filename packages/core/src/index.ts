import * as stores from './eventStore.js';
import * as imports from './importEvents.js';
import * as runner from './subscriptionRunner.js';
import * as kit from './validateEvents.js';

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
  StoreClosedError,
  formatError,
  formatPath,
  issueText,
  prettifyError,
} from './errors.js';
export type {
  ValidationIssue,
  Citation,
  ViolationFinding,
  ExpectedVersion,
  CoreErrorParams,
  CoreErrorCode,
  FindingTranslator,
} from './errors.js';
export { ISSUE_CODES, ISSUE_CODE_ALIASES, issueCode } from './issueCodes.js';
export type { IssueCode } from './issueCodes.js';
export {
  LOCALES,
  catalogueProblems,
  formatMessage,
  formatWith,
  isLocale,
  localeFromEnv,
  placeholdersOf,
  registerMessages,
} from './messages.js';
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
export { zodIssues } from './zodIssues.js';
export type {
  AppendOptions,
  ImportOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ImportTransaction,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
  SubscriptionHealth,
  RetryOptions,
} from './eventStore.js';
export { memoryStore } from './memoryStore.js';
export type { MemoryStoreOptions } from './memoryStore.js';
export { commandClaims, commandConflict } from './commandClaims.js';
export type { CommandClaim, RecordedCommand } from './commandClaims.js';
export { verifyLog } from './verifyLog.js';
export type { LogProblem, LogProblemKind, StreamHead, VerifyResult } from './verifyLog.js';

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
} from './domain/profile.js';
export type {
  ApplicantProfile,
  ExamPlan,
  Level,
  Occupation,
  OrganizationKind,
  QuestionBank,
} from './domain/profile.js';
export {
  isValidUscc,
  usccCheckCharacter,
  isValidIdCardNumber,
  idCardCheckCharacter,
  maskIdCardNumber,
} from './domain/checkDigits.js';
export { formatCertificateNumber, parseCertificateNumber } from './rules/certificateNumber.js';
export type { CertificateNumberParts } from './rules/certificateNumber.js';
export { ALL_COMMANDS, COMMANDS } from './domain/vocabulary.js';
export type { CommandType, MachineName } from './domain/vocabulary.js';
export { DEFAULT_ROLES } from './streams/commandTable.js';
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
export type {
  DeadlineItem,
  EngineOptions,
  ExecuteResult,
  LoadOptions,
  MachineContexts,
  StreamState,
} from './engine/types.js';
export { SYSTEM_ACTOR } from './engine/types.js';
export { COMMAND_EVENT, commandSchema, payloadSchemas } from './engine/commandSchemas.js';
export type { Command, CommandPayloads } from './engine/commandSchemas.js';
export type { CommandArgs, CommandHelpers } from './engine/helpers.js';
export {
  CalendarRequiredError,
  ProvisionalCalendarError,
  chinaLocalDate,
  lastDayAfterYears,
} from './domain/calendar.js';
export type { ProvisionalPolicy, WorkingDayCalendar } from './domain/calendar.js';
export { memorySnapshotStore } from './engine/snapshots.js';
export type { SnapshotStore, StoredSnapshot } from './engine/snapshots.js';
export { rolesFor } from './engine/authorize.js';
export { quotaStreamId } from './streams/quota/places.js';
export type { ExamPlanFacts } from './streams/exam/commands.js';
export { applicationMachine, applyScopeChange } from './streams/application/machine.js';
export type { ApplicationEvent, ApplicationEventType, ApplicationMachine } from './streams/application/machine.js';
export { examMachine } from './streams/exam/machine.js';
export type { ExamEvent, ExamEventType, ExamMachine } from './streams/exam/machine.js';
export { certificateMachine } from './streams/certificate/machine.js';
export type { CertificateEvent, CertificateEventType, CertificateMachine } from './streams/certificate/machine.js';
export { machines, foldEvents, initialSnapshot, acceptsEvent, acceptsEventType, stateLabel } from './streams/fold.js';
export { toMermaid } from './streams/mermaid.js';
export type { ApplicationContext, ObjectionStatus, ScopeChange, ScopeItem } from './streams/application/context.js';
export type { CandidateResult, ExamContext, FilingSummary } from './streams/exam/context.js';
export type { CertificateContext } from './streams/certificate/context.js';
export type { EventUnion, MachineEvent, PackRef } from './streams/machineEvent.js';

// Read models: projections of the log, kept up to date by subscriptions and rebuildable from position 0.
export * from './readModels/index.js';
export { allFacts, isLocalDate, optionalFact, perOccupation, worstOf, yesNoFact } from './rules/ruleKit.js';
export { isCalendarCoverageError } from './domain/calendar.js';
export type { CalendarSpanBasis, CalendarYearBasis } from './domain/calendar.js';

// Transparency: an RFC 9162 Merkle tree over the log, C2SP signed checkpoints, proofs and witnesses.
export * from './transparency/index.js';
export { commandFingerprint, MAX_PAYLOAD_DEPTH, parseCommand, payloadIssues } from './engine/commandSchemas.js';
export { encodeBucket, normalizeBucket } from './streams/quota/places.js';
export { foldEventsStrict } from './streams/fold.js';
export type { RejectedEvent } from './streams/fold.js';
export { checkHistory, checkStreamHistory, historyReferences, sortViolations } from './streams/checkHistory.js';
export type { HistoryResult, HistoryRule, HistoryViolation } from './streams/checkHistory.js';
export {
  EVENTS,
  EVENT_CATALOGUE,
  eventDataIssues,
  isCatalogued,
  applicationEvents,
  examEvents,
  certificateEvents,
  quotaEvents,
} from './streams/catalogue.js';
export type {
  CataloguedEvent,
  CataloguedEvents,
  StoredEventOf,
  EventType,
  ApplicationEventData,
  CertificateEventData,
  ExamEventData,
  QuotaEventData,
  QuotaEventType,
} from './streams/catalogue.js';
export { createLogChecker, examineEvent, positionMap, StreamHeadTable } from './verifyLog.js';
export type { EventVerdict, LogChecker, PersonalCheck, PositionRegistry } from './verifyLog.js';
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
  checkErase,
  checkVaultRows,
  erasedSubjectOf,
  erasureEvent,
  erasureRecord,
  erasureStreamId,
  holdsPersonalTokens,
  PERSONAL_ERASED,
  markPersonalFormat,
  newSubjectId,
  parsePersonalToken,
  PERSONAL_FORMAT,
  personalizePayload,
  personalLookupKey,
  personalToken,
  personalValues,
  refuseVaultRows,
} from './personal/index.js';
export type {
  PersonalCommitment,
  PersonalFieldPath,
  PersonalKind,
  EraseOptions,
  ErasureRecord,
  PersonalVault,
  PersonalVaultRow,
  ResolvedSubject,
} from './personal/index.js';
export { personalEventFieldsOf } from './streams/personalFields.js';
export { applyRetention, subjectFacts } from './engine/retention.js';
export type { RetentionOptions, RetentionPolicy, SubjectFacts } from './engine/retention.js';

// The store author's kit moved to `@certflow/core/store`; these stay here for code written before.
/** @deprecated Import it from `@certflow/core/store`. */
export const validateAppend: typeof kit.validateAppend = kit.validateAppend;
/** @deprecated Import it from `@certflow/core/store`. */
export const sealEvents: typeof kit.sealEvents = kit.sealEvents;
/** @deprecated Import it from `@certflow/core/store`. */
export const canonicalForms: typeof kit.canonicalForms = kit.canonicalForms;
/** @deprecated Import it from `@certflow/core/store`. */
export const jsonIssues: typeof kit.jsonIssues = kit.jsonIssues;
/** @deprecated Import it from `@certflow/core/store`. */
export const iJsonIssues: typeof kit.iJsonIssues = kit.iJsonIssues;
/** @deprecated Import it from `@certflow/core/store`. */
export const MAX_JSON_DEPTH: typeof kit.MAX_JSON_DEPTH = kit.MAX_JSON_DEPTH;
/** @deprecated Import it from `@certflow/core/store`. */
export type CanonicalForms = kit.CanonicalForms;
/** @deprecated Import it from `@certflow/core/store`. */
export const checkExpectedVersion: typeof stores.checkExpectedVersion = stores.checkExpectedVersion;
/** @deprecated Import it from `@certflow/core/store`. */
export const runSubscription: typeof runner.runSubscription = runner.runSubscription;
/** @deprecated Import it from `@certflow/core/store`. */
export const subscriptionSet: typeof runner.subscriptionSet = runner.subscriptionSet;
/** @deprecated Import it from `@certflow/core/store`. */
export type SubscriptionSource = runner.SubscriptionSource;
/** @deprecated Import it from `@certflow/core/store`. */
export const checkImport: typeof imports.checkImport = imports.checkImport;
