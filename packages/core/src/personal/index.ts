export {
  commitPersonalValue,
  openPersonalCommitment,
  PERSONAL_COMMITMENT_SCHEME,
  PERSONAL_SALT_BYTES,
} from './commitment.js';
export type { PersonalCommitment } from './commitment.js';
export { personal, personalFieldPaths, personalKindOf } from './fields.js';
export type { PersonalFieldPath, PersonalKind } from './fields.js';
export { maskPersonalValue } from './mask.js';
export {
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
} from './format2.js';
export type { EraseOptions, ErasureRecord, PersonalVault, PersonalVaultRow, ResolvedSubject } from './format2.js';
