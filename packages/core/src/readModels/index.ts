export { ReadModel, project, appliedBefore, markApplied } from './projection.js';
export type { Projection, Projected, ReadModelOptions, RebuildResult, StreamVersions } from './projection.js';
export { FilingCatalog, filingCatalog, filingCatalogProjection, queryCatalog } from './filingCatalog.js';
export type { CatalogEntry, CatalogQuery, CatalogState, FilingStatus } from './filingCatalog.js';
export {
  CertificateRegistry,
  certificateRegistry,
  certificateRegistryProjection,
  holderMatchValue,
  lookupCertificate,
  personalDisplay,
  PERSONAL_ERASED_DISPLAY,
  PERSONAL_WITHHELD_DISPLAY,
  queryCertificates,
} from './certificateRegistry.js';
export { queryCertificate, queryCertificatePublic } from './publicQuery.js';
export type { PublicCertificateAnswer, PublicCertificateQuery } from './publicQuery.js';
export type {
  CertificateRecord,
  CertificateStatus,
  PersonalDisplay,
  RegistryOptions,
  RegistryQuery,
  RegistryState,
} from './certificateRegistry.js';
export { OpenDeadlines, openDeadlines, openDeadlinesProjection, dueDeadlines } from './openDeadlines.js';
export type { DeadlineQueryContext, DeadlinesState, MissedDeadline } from './openDeadlines.js';
