import { CertflowError } from '../errors.js';
import { registerMessages } from '../messages.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

registerMessages('MALFORMED_NOTE', {
  en: (p) => `${s(p.what)} is malformed: ${s(p.detail)}`,
  'zh-CN': (p) => `${s(p.what)} 格式错误：${s(p.detail)}`,
});
registerMessages('UNVERIFIED_NOTE', {
  en: (p) => `${s(p.what)} carries no valid signature by ${s(p.keyName)}${p.detail ? `: ${s(p.detail)}` : ''}`,
  'zh-CN': (p) => `${s(p.what)} 没有 ${s(p.keyName)} 的有效签名${p.detail ? `：${s(p.detail)}` : ''}`,
});
registerMessages('PROOF_INVALID', {
  en: (p) => `the ${s(p.kind)} proof does not verify: ${s(p.detail)}`,
  'zh-CN': (p) => `${p.kind === 'inclusion' ? '包含' : '一致性'}证明未通过验证：${s(p.detail)}`,
});
registerMessages('CHECKPOINT_INCONSISTENT', {
  en: (p) =>
    `log ${s(p.origin)} at ${s(p.newSize)} entries does not extend its checkpoint of ${s(p.oldSize)} entries: ${s(p.detail)}`,
  'zh-CN': (p) => `日志 ${s(p.origin)} 的 ${s(p.newSize)} 条记录不是其 ${s(p.oldSize)} 条记录检查点的延续：${s(p.detail)}`,
});

registerMessages('PROOF_UNAVAILABLE', {
  en: (p) => `no proof: ${s(p.detail)}`,
  'zh-CN': (p) => `无法给出证明：${s(p.detail)}`,
});

/** A proof or tree hash asked of a leaf or size the tree does not hold (yet). */
export class ProofUnavailableError extends CertflowError {
  constructor(detail: string) {
    super('PROOF_UNAVAILABLE', { detail });
  }
}

/** A key, signed note, checkpoint or proof bundle that cannot be parsed. Field `what` names which. */
export class MalformedNoteError extends CertflowError {
  readonly what: string;
  constructor(what: string, detail: string) {
    super('MALFORMED_NOTE', { what, detail });
    this.what = what;
  }
}

/** A signed note (checkpoint, cosigned checkpoint) with no valid signature by the expected key. */
export class UnverifiedNoteError extends CertflowError {
  readonly keyName: string;
  constructor(what: string, keyName: string, detail?: string) {
    super('UNVERIFIED_NOTE', { what, keyName, detail });
    this.keyName = keyName;
  }
}

/** An inclusion or consistency proof that does not lead to the checkpoint's root. */
export class ProofInvalidError extends CertflowError {
  readonly kind: 'inclusion' | 'consistency';
  constructor(kind: 'inclusion' | 'consistency', detail: string) {
    super('PROOF_INVALID', { kind, detail });
    this.kind = kind;
  }
}

/** A log, or a newer checkpoint, that does not extend a checkpoint seen before: a rewrite, truncation or fork. */
export class CheckpointInconsistentError extends CertflowError {
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
