import { ISO_INSTANT_PATTERN, ROLES, STREAM_ID_PATTERN, storedEventSchema, type StoredEvent } from './event.js';
import { computeEventHash, plainEventCanonicalJson, sha256Hex } from './hash.js';
import { jsonIssues } from './validateEvents.js';
import { openPersonalCommitment } from './personal/commitment.js';
import { erasedSubjectOf, personalTokensIn, type PersonalVaultRow } from './personal/format2.js';

/** What `verifyLog` checks the personal fields of format-2 events against (`--with-personal-data`). */
export interface PersonalCheck {
  /** The vault's rows. */
  vault: Iterable<PersonalVaultRow>;
  /** Subjects erased besides those whose `PersonalDataErased` event is in the log: their tokens open nothing any more, and that is no problem. */
  erased?: Iterable<string>;
}

export type LogProblemKind =
  | 'schema' // the envelope is malformed
  | 'hash-mismatch' // the event's content no longer matches its hash (changed data, meta, …)
  | 'chain-broken' // prevHash does not match the previous event's hash (deleted, inserted or replaced events)
  | 'version-gap' // a version is missing (deleted events)
  | 'version-order' // a version repeats or goes backwards (inserted or reordered events)
  | 'position-order' // a position does not increase within a stream (reordered or rewritten positions)
  | 'duplicate-position' // two events claim one global position
  | 'personal-unopened'; // given the vault: a format-2 token whose commitment the vault does not open (and whose subject was not erased)

export interface LogProblem {
  streamId: string;
  version: number | null;
  position: number | null;
  kind: LogProblemKind;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  /** The first broken event of each broken stream (plus log-wide problems). */
  problems: LogProblem[];
  streams: number;
  events: number;
}

export interface StreamHead {
  version: number;
  hash: string | null;
  /** The position of the stream's last event, when known (positions increase within a stream). */
  position?: number;
}

/**
 * Where the log check remembers the global positions it has seen, to find two
 * events that claim one. `claim` returns the stream already holding the
 * position (or a description of it), else records it and returns undefined.
 */
export interface PositionRegistry {
  claim(position: number, streamId: string): string | undefined;
}

/** Remembers every position with its stream: memory grows with the events (fine for a log held in memory). */
export function positionMap(): PositionRegistry {
  const seen = new Map<number, string>();
  return {
    claim(position, streamId) {
      const other = seen.get(position);
      if (other !== undefined) return other;
      seen.set(position, streamId);
      return undefined;
    },
  };
}

const HEX64 = /^[0-9a-f]{64}$/;
/** The character codes of the lowercase hex digits 0–f. */
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * Each stream's head (version, hash, position), kept compactly for logs of
 * millions of streams: one map entry per stream id (the id and a slot
 * number), the rest in typed arrays (4 bytes of version, 8 of position, the
 * hash as its 32 bytes rather than a 64-character string), about a third of
 * what a map of head objects takes. Read it as a `ReadonlyMap`; a head read
 * is a fresh object.
 */
export class StreamHeadTable implements ReadonlyMap<string, StreamHead> {
  readonly #slots = new Map<string, number>();
  #versions = new Int32Array(1024);
  #positions = new Float64Array(1024);
  #hashes = new Uint8Array(1024 * 32);
  /** A Buffer over #hashes, to write a hex hash into its slot without a copy. */
  #hashBytes = Buffer.from(this.#hashes.buffer, this.#hashes.byteOffset, this.#hashes.byteLength);
  /** 0: no head; 1: head with a hex hash in #hashes; 2: head whose hash is in #odd (null or not 64 hex digits). */
  #kinds = new Uint8Array(1024);
  readonly #odd = new Map<number, string | null>();
  #size = 0;

  constructor(initial?: Iterable<readonly [string, StreamHead]>) {
    if (initial) for (const [id, h] of initial) this.set(id, h);
  }

  /** The slot of a stream id, made on first sight (a slot may hold no head yet). */
  slot(streamId: string): number {
    let at = this.#slots.get(streamId);
    if (at === undefined) {
      at = this.#slots.size;
      if (at === this.#kinds.length) this.#grow();
      this.#slots.set(streamId, at);
    }
    return at;
  }

  #grow(): void {
    const n = this.#kinds.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T, per = 1): T => {
      const b = make(n * per);
      b.set(a);
      return b;
    };
    this.#versions = grow(this.#versions, (k) => new Int32Array(k));
    this.#positions = grow(this.#positions, (k) => new Float64Array(k));
    this.#hashes = grow(this.#hashes, (k) => new Uint8Array(k), 32);
    this.#hashBytes = Buffer.from(this.#hashes.buffer, this.#hashes.byteOffset, this.#hashes.byteLength);
    this.#kinds = grow(this.#kinds, (k) => new Uint8Array(k));
  }

  /** How many stream ids have a slot (with a head or not). */
  get slots(): number {
    return this.#slots.size;
  }

  /** The head in a slot, if it has one. */
  atSlot(at: number): StreamHead | undefined {
    const kind = this.#kinds[at];
    if (!kind) return undefined;
    const hash =
      kind === 1
        ? Buffer.from(this.#hashes.buffer, this.#hashes.byteOffset + at * 32, 32).toString('hex')
        : (this.#odd.get(at) ?? null);
    const position = this.#positions[at]!;
    return Number.isNaN(position)
      ? { version: this.#versions[at]!, hash }
      : { version: this.#versions[at]!, hash, position };
  }

  /** Sets the head in a slot. */
  setSlot(at: number, head: StreamHead): void {
    this.setSlotFields(at, head.version, head.hash, head.position ?? Number.NaN);
  }

  /** `setSlot` without a head object (NaN: no position). */
  setSlotFields(at: number, version: number, hash: string | null, position: number): void {
    const kind = this.#kinds[at];
    if (!kind) this.#size++;
    this.#versions[at] = version;
    this.#positions[at] = position;
    if (hash !== null && HEX64.test(hash)) {
      this.#hashBytes.write(hash, at * 32, 32, 'hex');
      this.#kinds[at] = 1;
      if (kind === 2) this.#odd.delete(at);
    } else {
      this.#kinds[at] = 2;
      this.#odd.set(at, hash);
    }
  }

  /** Whether a slot holds a head. */
  hasHeadAt(at: number): boolean {
    return this.#kinds[at] !== 0;
  }

  /** The version of the head in a slot (0: none). */
  versionAt(at: number): number {
    return this.#kinds[at] ? this.#versions[at]! : 0;
  }

  /** The position of the head in a slot (NaN: none, or no position). */
  positionAt(at: number): number {
    return this.#kinds[at] ? this.#positions[at]! : Number.NaN;
  }

  /** Whether `hash` is the hash of the head in a slot (null for a slot without a head), read in place. */
  hashIs(at: number, hash: string | null): boolean {
    const kind = this.#kinds[at];
    if (!kind) return hash === null;
    if (kind === 2) return (this.#odd.get(at) ?? null) === hash;
    if (hash === null || hash.length !== 64) return false;
    const h = this.#hashes;
    const base = at * 32;
    for (let i = 0; i < 32; i++) {
      const b = h[base + i]!;
      if (hash.charCodeAt(2 * i) !== HEX_CODES[b >> 4] || hash.charCodeAt(2 * i + 1) !== HEX_CODES[b & 15])
        return false;
    }
    return true;
  }

  set(streamId: string, head: StreamHead): this {
    this.setSlot(this.slot(streamId), head);
    return this;
  }

  get(streamId: string): StreamHead | undefined {
    const at = this.#slots.get(streamId);
    return at === undefined ? undefined : this.atSlot(at);
  }

  has(streamId: string): boolean {
    const at = this.#slots.get(streamId);
    return at !== undefined && this.#kinds[at] !== 0;
  }

  get size(): number {
    return this.#size;
  }

  *entries(): MapIterator<[string, StreamHead]> {
    for (const [id, at] of this.#slots) {
      const h = this.atSlot(at);
      if (h) yield [id, h];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<StreamHead> {
    for (const [, h] of this.entries()) yield h;
  }

  [Symbol.iterator](): MapIterator<[string, StreamHead]> {
    return this.entries();
  }

  forEach(fn: (value: StreamHead, key: string, map: ReadonlyMap<string, StreamHead>) => void, thisArg?: unknown): void {
    for (const [id, h] of this.entries()) fn.call(thisArg, h, id, this);
  }
}

const ROLE_SET: ReadonlySet<unknown> = new Set(ROLES);
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const isFilled = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 1;

/**
 * True when an envelope certainly passes `storedEventSchema`, checked without
 * zod (which costs more than hashing the event): the same rules, or stricter
 * where that is simpler (plain objects only, `data` present and defined).
 * False means only "ask the schema", which decides and words the problem.
 */
function envelopeSurelyValid(raw: unknown): boolean {
  if (!isPlainObject(raw)) return false;
  const { streamId, type, hash, prevHash, meta } = raw;
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) return false;
  if (!isCount(raw.version) || !isCount(raw.position) || !isFilled(type) || raw.data === undefined) return false;
  if (typeof hash !== 'string' || !HEX64.test(hash)) return false;
  if (prevHash !== null && (typeof prevHash !== 'string' || !HEX64.test(prevHash))) return false;
  if (!isPlainObject(meta)) return false;
  const { at, actor, rulePack } = meta;
  if (typeof at !== 'string' || !ISO_INSTANT_PATTERN.test(at) || Number.isNaN(Date.parse(at))) return false;
  if (!isPlainObject(actor) || !isFilled(actor.id) || !ROLE_SET.has(actor.role)) return false;
  if (!isFilled(meta.commandId) || !isFilled(meta.correlationId)) return false;
  if (
    rulePack !== undefined &&
    rulePack !== null &&
    (!isPlainObject(rulePack) || !isFilled(rulePack.id) || !isFilled(rulePack.version))
  )
    return false;
  return true;
}

/**
 * What one event says about itself, found without any stream's state: its
 * envelope and data checked, its hash recomputed. `createLogChecker` then
 * holds it against the stream's head (versions, chain, positions). The split
 * lets the costly half run anywhere (a worker thread) and the other half in
 * log order: one definition of both, so every path reports alike.
 */
export interface EventVerdict {
  /** The event's own fields, when of the right type (null otherwise). */
  streamId: string | null;
  version: number | null;
  position: number | null;
  hash: string | null;
  /** The previous event's hash as this event names it (null for version 1, or when the envelope is not valid). */
  prevHash: string | null;
  /** Why the envelope or data is not valid, if it is not (a `schema` problem). */
  schema?: string;
  /** Why the event could not be canonicalized, if it could not. */
  canon?: string;
  /** The hash its content gives, when that differs from `hash`. */
  recomputed?: string;
}

/** Examines one event on its own: envelope, JSON-only data, recomputed hash (see `EventVerdict`). */
export function examineEvent(raw: unknown): EventVerdict {
  const r = raw as { streamId?: unknown; version?: unknown; position?: unknown; hash?: unknown } | null | undefined;
  const verdict: EventVerdict = {
    streamId: typeof r?.streamId === 'string' ? r.streamId : null,
    version: typeof r?.version === 'number' ? r.version : null,
    position: typeof r?.position === 'number' ? r.position : null,
    hash: typeof r?.hash === 'string' ? r.hash : null,
    prevHash: null,
  };
  if (!envelopeSurelyValid(raw)) {
    const parsed = storedEventSchema.safeParse(raw);
    if (!parsed.success) {
      verdict.schema = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      return verdict;
    }
  }
  const event = raw as StoredEvent;
  verdict.prevHash = event.prevHash;
  // The one-pass writer accepts plain JSON only: when it writes the event, its data is JSON throughout
  // and the JSON-only check below could find nothing.
  const plain = plainEventCanonicalJson(event);
  if (plain !== undefined) {
    const recomputed = sha256Hex(plain);
    if (recomputed !== event.hash) verdict.recomputed = recomputed;
    return verdict;
  }
  const nonJson = jsonIssues(event.data, ['data']);
  if (nonJson.length > 0) {
    verdict.prevHash = null;
    verdict.schema = nonJson.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return verdict;
  }
  let recomputed: string;
  try {
    recomputed = computeEventHash(event);
  } catch (e) {
    // Only a value too deep for a recursive serialiser gets here (RangeError).
    verdict.canon = (e as Error)?.message ?? String(e);
    return verdict;
  }
  if (recomputed !== event.hash) verdict.recomputed = recomputed;
  return verdict;
}

/**
 * One pass over a log, event by event: the per-event checks of `verifyLog`
 * and `verifyLogStream`, defined once. It keeps per-stream state only (the
 * head of each stream in a `StreamHeadTable`, whether it broke) plus whatever
 * the position registry keeps.
 */
export interface LogChecker {
  check(raw: unknown): void;
  /**
   * `check` of an event already examined (`examineEvent`, perhaps in another
   * thread), in log order. A verdict holds no event data, so a checker made
   * with `personal` (a vault to open commitments with) needs the event too.
   */
  apply(verdict: EventVerdict, event?: unknown): void;
  /** Each stream's verified head so far. */
  readonly heads: ReadonlyMap<string, StreamHead>;
  /** The streams found broken so far (nothing after their first broken event is checked). */
  readonly broken: ReadonlySet<string>;
  result(): VerifyResult;
}

export function createLogChecker(
  options: { heads?: Map<string, StreamHead>; positions?: PositionRegistry; personal?: PersonalCheck } = {},
): LogChecker {
  const vault = options.personal ? new Map([...options.personal.vault].map((r) => [r.commitment, r])) : undefined;
  const erased = new Set(options.personal?.erased ?? []);
  // Tokens the vault does not open, checked against the erasures at the end (an erasure may be recorded later in the log).
  const unopened: { problem: LogProblem; subject: string }[] = [];
  const checkPersonal = (event: StoredEvent) => {
    if (!vault) return;
    const erasedHere = erasedSubjectOf(event);
    if (erasedHere !== undefined) erased.add(erasedHere);
    if (event.meta.format !== 2) return;
    for (const token of personalTokensIn(event.data)) {
      const row = vault.get(token.commitment);
      if (row && row.subject === token.subject && openPersonalCommitment(token.commitment, row.value, row.salt))
        continue;
      const detail = row
        ? `the vault row of ${token.commitment} does not open it for subject ${token.subject}`
        : `the vault holds no value for ${token.commitment} of subject ${token.subject}`;
      unopened.push({
        problem: {
          streamId: event.streamId,
          version: event.version,
          position: event.position,
          kind: 'personal-unopened',
          detail,
        },
        subject: token.subject,
      });
    }
  };
  const heads = new StreamHeadTable(options.heads);
  // Slots of the given heads are not streams of this log until an event of theirs is read.
  let seenCount = 0;
  let seenFlags = new Uint8Array(1024);
  const markSeen = (at: number) => {
    if (at >= seenFlags.length) {
      const b = new Uint8Array(Math.max(seenFlags.length * 2, at + 1));
      b.set(seenFlags);
      seenFlags = b;
    }
    if (!seenFlags[at]) {
      seenFlags[at] = 1;
      seenCount++;
    }
  };
  const broken = new Set<string>();
  const positions = options.positions ?? positionMap();
  const problems: LogProblem[] = [];
  let count = 0;

  const apply = (v: EventVerdict): boolean => {
    count++;
    const streamId = v.streamId ?? '(unknown stream)';
    const at = heads.slot(streamId);
    markSeen(at);
    if (broken.size > 0 && broken.has(streamId)) return false;
    const report = (kind: LogProblemKind, detail: string) => {
      problems.push({ streamId, version: v.version, position: v.position, kind, detail });
      broken.add(streamId);
    };
    if (v.schema !== undefined) {
      report('schema', v.schema);
      return false;
    }
    // A verdict without a schema problem has a valid envelope: version, position and hash are set.
    const version = v.version!;
    const position = v.position!;
    // The head read in place (no head object per event); a problem's words read it whole.
    const headVersion = heads.versionAt(at);

    if (version !== headVersion + 1) {
      report(
        version > headVersion + 1 ? 'version-gap' : 'version-order',
        `expected version ${headVersion + 1} after ${headVersion}, found ${version}`,
      );
      return false;
    }
    if (v.canon !== undefined) {
      report('schema', `the event cannot be canonicalized: ${v.canon}`);
      return false;
    }
    if (v.recomputed !== undefined) {
      report('hash-mismatch', `stored hash ${v.hash} but the content hashes to ${v.recomputed}`);
      return false;
    }
    if (!heads.hashIs(at, v.prevHash)) {
      const headHash = heads.atSlot(at)?.hash ?? null;
      report('chain-broken', `prevHash ${v.prevHash} does not match the previous event's hash ${headHash}`);
      return false;
    }
    const headPosition = heads.positionAt(at);
    if (!Number.isNaN(headPosition) && !(position > headPosition)) {
      report(
        'position-order',
        `position ${position} does not follow position ${headPosition} of version ${headVersion}`,
      );
      return false;
    }
    const other = positions.claim(position, streamId);
    if (other !== undefined) {
      report('duplicate-position', `position ${position} is also held by an event of ${other}`);
      return false;
    }
    heads.setSlotFields(at, version, v.hash, position);
    return true;
  };
  const result = (): VerifyResult => {
    const all = [...problems, ...unopened.filter((u) => !erased.has(u.subject)).map((u) => u.problem)];
    return { ok: all.length === 0, problems: all, streams: seenCount, events: count };
  };
  return {
    check: (raw) => {
      // The personal check reads the event itself: only an event its stream accepted is opened.
      if (apply(examineEvent(raw)) && vault) checkPersonal(raw as StoredEvent);
    },
    apply: (verdict, event) => {
      if (vault && event === undefined)
        throw new TypeError(
          'a log checker with a vault opens commitments from the events: pass the event with its verdict',
        );
      if (apply(verdict) && vault) checkPersonal(event as StoredEvent);
    },
    heads,
    broken,
    result,
  };
}

/**
 * Checks a log as an auditor would: every event's envelope, its hash
 * recomputed from its content, the chain to the previous event of its stream,
 * version continuity, and positions that increase within each stream and
 * are unique in the log. This is the one definition of a valid log: `verify`,
 * `import` (`checkImport`) and every store's `importEvents` use it. Events of a stream are checked in the order given
 * (a store's readAll order). Reports the first broken event per stream and
 * stops checking that stream there, since everything after it is suspect.
 *
 * `heads` lets the check continue streams that already exist elsewhere (import).
 */
export function verifyLog(
  events: Iterable<unknown>,
  options: { heads?: Map<string, StreamHead>; personal?: PersonalCheck } = {},
): VerifyResult {
  const checker = createLogChecker(options);
  for (const raw of events) checker.check(raw);
  return checker.result();
}
