/**
 * `@certflow/core/store`: the kit for writing an event store. A store
 * prepares each append (`prepareAppend`: stream id, events, options), checks
 * the expected version against its head (`checkExpectedVersion`), seals the
 * events (`sealEvents`: versions, positions, the hash chain) and commits them
 * atomically; `checkImport` vets sealed events for `importEvents`;
 * `runSubscription` and `subscriptionSet` run `subscribe` on top of
 * `readAll` and a checkpoint; a store used after `close()` throws
 * `StoreClosedError`. A store passes `describeEventStoreConformance` from
 * `@certflow/core/testing`.
 *
 * @packageDocumentation
 */
// From the main entry by name, so a store and its callers share one class (instanceof holds across entries).
export { StoreClosedError } from '@certflow/core';
export { checkAppendOptions, checkExpectedVersion, MAX_EXPECTED_VERSION } from '../eventStore.js';
export type {
  AppendOptions,
  ImportOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamOptions,
  RetryOptions,
  SubscribeOptions,
  Subscription,
  SubscriptionHealth,
} from '@certflow/core';
export {
  canonicalForms,
  iJsonIssues,
  jsonIssues,
  MAX_JSON_DEPTH,
  prepareAppend,
  sealEvents,
  validateAppend,
} from '../validateEvents.js';
export type { CanonicalForms } from '../validateEvents.js';
export { checkImport } from '../importEvents.js';
export { runSubscription, subscriptionSet } from '../subscriptionRunner.js';
export type { SubscriptionSource } from '../subscriptionRunner.js';
export {
  checkErase,
  checkVaultRows,
  erasureEvent,
  importedVaultRows,
  erasureRecord,
  erasureStreamId,
  personalLookupKey,
  refuseVaultRows,
  vaultRowsOf,
  vaultSubjects,
} from '../personal/format2.js';
export type {
  EraseOptions,
  ErasureRecord,
  PersonalVault,
  PersonalVaultRow,
  ResolvedSubject,
  VaultEntry,
  VaultSubject,
} from '../personal/format2.js';
