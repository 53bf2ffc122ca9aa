// The report's per-stream index, kept compactly for logs of millions of
// streams: one map entry per stream id (the id and a slot number), the rest
// in typed arrays (kind, organization, parent and pack as small numbers into
// tables of their distinct values, the event count and head version, the
// head hash as its 32 bytes rather than a 64-character string). Read it as a
// `ReadonlyMap` of entries; an entry read is a fresh object.
import type { StreamKindName } from './model.js';
import { kindOf } from './model.js';

/** What the report knows of a stream after the log pass: a few fields, never its events. */
export interface StreamIndex {
  kind: StreamKindName;
  org: string;
  parent?: string;
  pack?: { id: string; version: string };
  events: number;
  /** The stream's head: its highest version read (of two with one version, the later read) and that event's hash. */
  version: number;
  hash: string;
}

/** A copy of a typed array, `length` long (the rest zero). */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

const KINDS: readonly StreamKindName[] = ['application', 'exam', 'certificate', 'quota', 'other'];
const HEX64 = /^[0-9a-f]{64}$/;

export class StreamIndexTable implements ReadonlyMap<string, StreamIndex> {
  readonly #slots = new Map<string, number>();
  #kinds = new Uint8Array(1024);
  /** Into #strings; 0 is ''. */
  #orgs = new Int32Array(1024);
  /** Into #strings; -1: none. */
  #parents = new Int32Array(1024);
  /** Into #packs; -1: none. */
  #packRefs = new Int32Array(1024);
  #events = new Float64Array(1024);
  #versions = new Float64Array(1024);
  #hashes = new Uint8Array(1024 * 32);
  /** 0: '' (no head); 1: a hex hash in #hashes; 2: a hash in #odd. */
  #hashKinds = new Uint8Array(1024);
  readonly #odd = new Map<number, string>();
  /** The distinct organization ids and parent stream ids, each once (#strings[0] is ''). */
  readonly #strings: string[] = [''];
  #stringIds: Map<string, number> | undefined = new Map([['', 0]]);
  readonly #packs: { id: string; version: string }[] = [];
  readonly #packIds = new Map<string, number>();

  get size(): number {
    return this.#slots.size;
  }

  /** A stream's slot, made (with nothing counted) on first sight. */
  slot(streamId: string): number {
    let at = this.#slots.get(streamId);
    if (at === undefined) {
      at = this.#slots.size;
      if (at === this.#kinds.length) this.#grow();
      this.#slots.set(streamId, at);
      this.#kinds[at] = KINDS.indexOf(kindOf(streamId));
      this.#orgs[at] = 0;
      this.#parents[at] = -1;
      this.#packRefs[at] = -1;
      this.#events[at] = 0;
      this.#versions[at] = Number.NEGATIVE_INFINITY;
      this.#hashKinds[at] = 0;
    }
    return at;
  }

  #grow(): void {
    const n = this.#kinds.length * 2;
    this.#kinds = grown(this.#kinds, n);
    this.#orgs = grown(this.#orgs, n);
    this.#parents = grown(this.#parents, n);
    this.#packRefs = grown(this.#packRefs, n);
    this.#events = grown(this.#events, n);
    this.#versions = grown(this.#versions, n);
    this.#hashes = grown(this.#hashes, n * 32);
    this.#hashKinds = grown(this.#hashKinds, n);
  }

  #string(v: string): number {
    let at = this.#stringIds?.get(v);
    if (at === undefined) {
      at = this.#strings.length;
      this.#strings.push(v);
      this.#stringIds?.set(v, at);
    }
    return at;
  }

  /** Adds `n` events to a stream's count. */
  count(at: number, n: number): void {
    this.#events[at]! += n;
  }

  /** The head version of a slot (-Infinity before any event with a hash). */
  versionAt(at: number): number {
    return this.#versions[at]!;
  }

  /** Sets a slot's head. */
  setHead(at: number, version: number, hash: string): void {
    this.#versions[at] = version;
    if (hash === '') this.#hashKinds[at] = 0;
    else if (HEX64.test(hash)) {
      this.#hashes.set(Buffer.from(hash, 'hex'), at * 32);
      this.#hashKinds[at] = 1;
      this.#odd.delete(at);
    } else {
      this.#odd.set(at, hash);
      this.#hashKinds[at] = 2;
    }
  }

  hasPack(at: number): boolean {
    return this.#packRefs[at] !== -1;
  }

  setPack(at: number, ref: { id: string; version: string }): void {
    const key = `${ref.id}@${ref.version}`;
    let p = this.#packIds.get(key);
    if (p === undefined) {
      p = this.#packs.length;
      this.#packs.push({ id: ref.id, version: ref.version });
      this.#packIds.set(key, p);
    }
    this.#packRefs[at] = p;
  }

  orgAt(at: number): string {
    return this.#strings[this.#orgs[at]!]!;
  }

  setOrg(at: number, org: string): void {
    this.#orgs[at] = this.#string(org);
  }

  parentAt(at: number): string | undefined {
    const p = this.#parents[at]!;
    return p === -1 ? undefined : this.#strings[p];
  }

  setParent(at: number, parent: string): void {
    this.#parents[at] = this.#string(parent);
  }

  /** Drops the table of distinct values' lookups once nothing more is added (the values stay). */
  sealStrings(): void {
    this.#stringIds = undefined;
  }

  /** The entry in a slot, as a fresh object. */
  entryAt(at: number): StreamIndex {
    const kind = this.#hashKinds[at]!;
    const hash =
      kind === 0
        ? ''
        : kind === 1
          ? Buffer.from(this.#hashes.buffer, this.#hashes.byteOffset + at * 32, 32).toString('hex')
          : this.#odd.get(at)!;
    const parent = this.parentAt(at);
    const p = this.#packRefs[at]!;
    return {
      kind: KINDS[this.#kinds[at]!]!,
      org: this.orgAt(at),
      ...(parent !== undefined ? { parent } : {}),
      ...(p !== -1 ? { pack: this.#packs[p]! } : {}),
      events: this.#events[at]!,
      version: this.#versions[at]!,
      hash,
    };
  }

  /** A stream's kind without making its entry. */
  kindOf(streamId: string): StreamKindName | undefined {
    const at = this.#slots.get(streamId);
    return at === undefined ? undefined : KINDS[this.#kinds[at]!];
  }

  /** A stream's parent without making its entry. */
  parentOf(streamId: string): string | undefined {
    const at = this.#slots.get(streamId);
    return at === undefined ? undefined : this.parentAt(at);
  }

  /** A stream's slot, if it has one (none is made). */
  find(streamId: string): number | undefined {
    return this.#slots.get(streamId);
  }

  get(streamId: string): StreamIndex | undefined {
    const at = this.#slots.get(streamId);
    return at === undefined ? undefined : this.entryAt(at);
  }

  has(streamId: string): boolean {
    return this.#slots.has(streamId);
  }

  /** Each stream id with its slot, in the order first read. */
  slots(): IterableIterator<[string, number]> {
    return this.#slots.entries();
  }

  *entries(): MapIterator<[string, StreamIndex]> {
    for (const [id, at] of this.#slots) yield [id, this.entryAt(at)];
  }

  keys(): MapIterator<string> {
    return this.#slots.keys();
  }

  *values(): MapIterator<StreamIndex> {
    for (const at of this.#slots.values()) yield this.entryAt(at);
  }

  [Symbol.iterator](): MapIterator<[string, StreamIndex]> {
    return this.entries();
  }

  forEach(f: (value: StreamIndex, key: string, map: ReadonlyMap<string, StreamIndex>) => void): void {
    for (const [id, at] of this.#slots) f(this.entryAt(at), id, this);
  }
}
