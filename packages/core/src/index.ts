export {
  CertflowError,
  ConcurrencyError,
  ValidationError,
  InvalidTransitionError,
  ForbiddenError,
  RuleViolationError,
  NotFoundError,
  formatPath,
  prettifyError,
} from './errors.js';
export type { ValidationIssue, Citation, ViolationFinding, ExpectedVersion } from './errors.js';
export { formatMessage, registerMessages } from './messages.js';
export type { Locale } from './messages.js';
export {
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
export { jsonIssues, sealEvents, validateAppend } from './validateEvents.js';
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
} from './eventStore.js';
export { runSubscription } from './subscriptionRunner.js';
export type { SubscriptionSource } from './subscriptionRunner.js';
export { memoryStore } from './memoryStore.js';
export { verifyLog } from './verifyLog.js';
export type { LogProblem, LogProblemKind, StreamHead, VerifyResult } from './verifyLog.js';
export { checkImport } from './importEvents.js';
