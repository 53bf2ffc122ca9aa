import { CertflowError, type CoreErrorParams } from '../errors.js';

/** A proof or tree hash asked of a leaf or size the tree does not hold (yet). */
export class ProofUnavailableError extends CertflowError<CoreErrorParams['PROOF_UNAVAILABLE']> {
  constructor(detail: string) {
    super('PROOF_UNAVAILABLE', { detail });
  }
}

/** A key, signed note, checkpoint or proof bundle that cannot be parsed. Field `what` names which. */
export class MalformedNoteError extends CertflowError<CoreErrorParams['MALFORMED_NOTE']> {
  readonly what: string;
  constructor(what: string, detail: string) {
    super('MALFORMED_NOTE', { what, detail });
    this.what = what;
  }
}

/** A signed note (checkpoint, cosigned checkpoint) with no valid signature by the expected key. */
export class UnverifiedNoteError extends CertflowError<CoreErrorParams['UNVERIFIED_NOTE']> {
  readonly keyName: string;
  constructor(what: string, keyName: string, detail?: string) {
    super('UNVERIFIED_NOTE', { what, keyName, detail });
    this.keyName = keyName;
  }
}

/** An inclusion or consistency proof that does not lead to the checkpoint's root. */
export class ProofInvalidError extends CertflowError<CoreErrorParams['PROOF_INVALID']> {
  readonly kind: 'inclusion' | 'consistency';
  constructor(kind: 'inclusion' | 'consistency', detail: string) {
    super('PROOF_INVALID', { kind, detail });
    this.kind = kind;
  }
}

/** A log, or a newer checkpoint, that does not extend a checkpoint seen before: a rewrite, truncation or fork. */
export class CheckpointInconsistentError extends CertflowError<CoreErrorParams['CHECKPOINT_INCONSISTENT']> {
  readonly origin: string;
  readonly oldSize: number;
  readonly newSize: number;
  constructor(origin: string, oldSize: number, newSize: number, detail: string) {
    super('CHECKPOINT_INCONSISTENT', { origin, oldSize, newSize, detail });
    this.origin = origin;
    this.oldSize = oldSize;
    this.newSize = newSize;
  }
}
