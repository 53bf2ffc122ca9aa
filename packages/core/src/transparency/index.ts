export {
  EMPTY_ROOT,
  HASH_SIZE,
  consistencyRanges,
  eventLeafEntry,
  eventLeafHash,
  inclusionRanges,
  leafHash,
  nodeHash,
  nodesForAppend,
  rangeNodes,
  foldRange,
} from './merkle.js';
export type { Hash, LeafRange, NodeKey, TreeNode } from './merkle.js';
export { MerkleTree, consistencyProof, inclusionProof, nodesNeeded, rangeHash, rangeHashes, treeRoot } from './tree.js';
export type { NodeReader } from './tree.js';
export { verifyConsistency, verifyInclusion } from './proofs.js';
export {
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  addSignatureLines,
  generateNoteKey,
  isValidKeyName,
  keyIdOf,
  noteKeyFromSeed,
  noteKeyType,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  signNote,
  vkeyOf,
} from './note.js';
export type { Note, NoteKeyPair, NoteSignature, NoteSigner, NoteVerifier } from './note.js';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
export type { Checkpoint } from './checkpoint.js';
export { cosign, cosignatureVerifier, cosignedMessage } from './witness.js';
export type { CosignRequest, CosignResult, WitnessState } from './witness.js';
export { BUNDLE_FORMAT, makeProofBundle, verifyProofBundle } from './bundle.js';
export type { ProofBundle } from './bundle.js';
export { checkAgainstCheckpoint, checkpointAuditor } from './audit.js';
export type { CheckpointAudit, CheckpointAuditor, CheckpointCheck, CheckpointWork } from './audit.js';
export { CompactRange } from './compactRange.js';
export { certificateReceipts, hasTransparency, inclusionReceipt } from './log.js';
export type { CertificateReceipt, InclusionReceipt, TransparencyLog, TransparentEventStore } from './log.js';
export { memoryTransparencyLog } from './memoryTree.js';
export { resultReceipts } from './receipts.js';
export type { IssuedCertificateReceipt, ReceiptOptions, ResultReceipts } from './receipts.js';
export {
  CheckpointInconsistentError,
  MalformedNoteError,
  ProofInvalidError,
  ProofUnavailableError,
  UnverifiedNoteError,
} from './errors.js';
export { SM2_KEY_ID_TYPE, generateSm2Key, sm2NoteSigner, sm2NoteVerifier, sm2Sign, sm2Verify } from './sm2.js';
