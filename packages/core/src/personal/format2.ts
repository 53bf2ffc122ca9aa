import { createHmac, randomBytes } from 'node:crypto';
import { actorSchema, type Actor, type NewEvent, type StoredEvent } from '../event.js';
import { canonicalJson } from '../hash.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { commitmentWithSaltBytes, openPersonalCommitment, PERSONAL_SALT_BYTES, saltBytes } from './commitment.js';
import type { PersonalFieldPath, PersonalKind } from './fields.js';

/**
 * Event format 2: the events keep personal data out of the hash chain.
 *
 * A format-2 event carries `meta.format: 2`. Each of its personal fields (the
 * `personal(…)` marks of the event catalogue: roster, results and certificate
 * holders' 身份证号 and names) holds, instead of the value, a token naming the
 * subject (the person) and a salted commitment to the value:
 *
 *   "personal:" ‖ subject (32 lowercase hex digits, random, 128 bits) ‖ ":" ‖ commitment (64 lowercase hex digits)
 *
 * The commitment is `commitPersonalValue`'s recipe. There is one salt per
 * subject and kind, used wherever that person's value of that kind appears,
 * so the same 身份证号 gives the same token in the roster, the results and the
 * certificates: decisions that compare values compare tokens, and replay the
 * same after the values are erased. Values and salts live in the store's
 * personal-data vault ({@link PersonalVault}), never in the hashed event.
 * An event without `meta.format` is format 1 and holds its values in clear.
 */
export const PERSONAL_FORMAT = 2;

const HEX32 = /^[0-9a-f]{32}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const TOKEN = /^personal:([0-9a-f]{32}):([0-9a-f]{64})$/;

/** The token a format-2 event holds in place of a personal value. */
export function personalToken(subject: string, commitment: string): string {
  return `personal:${subject}:${commitment}`;
}

/** The subject and commitment of a token, or undefined for anything else. */
export function parsePersonalToken(value: unknown): { subject: string; commitment: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TOKEN.exec(value);
  return m ? { subject: m[1]!, commitment: m[2]! } : undefined;
}

/** Every token in a value (any string of the token's form, at any depth), in document order. */
export function personalTokensIn(value: unknown): { subject: string; commitment: string }[] {
  const out: { subject: string; commitment: string }[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const t = v.length === 106 ? parsePersonalToken(v) : undefined;
      if (t) out.push(t);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      const vals = Object.values(v);
      for (let i = vals.length - 1; i >= 0; i--) stack.push(vals[i]);
    }
  }
  return out;
}

/**
 * Random bytes for subject ids and salts, sliced from one `randomBytes` call
 * of 4 KB (a command of 30 new people needs 90 pieces; one call a piece cost
 * more than the hashing). Every byte is handed out once.
 */
let randomPool = Buffer.alloc(0);
let randomAt = 0;
function freshRandom(n: number): Buffer {
  if (randomAt + n > randomPool.length) {
    randomPool = randomBytes(4096);
    randomAt = 0;
  }
  const out = randomPool.subarray(randomAt, randomAt + n);
  randomAt += n;
  return out;
}

/** A new subject id: 128 random bits as 32 hex digits, never derived from the person's values. */
export function newSubjectId(): string {
  return freshRandom(16).toString('hex');
}

/**
 * One row of the personal-data vault: a value of a subject, the salt that
 * opens its commitment, and, for a 身份证号, the lookup key that finds the
 * subject again from the value (an HMAC under the vault's secret).
 */
export interface PersonalVaultRow {
  subject: string;
  kind: PersonalKind;
  value: unknown;
  /** The salt of this subject and kind (base64url, ≥ 16 bytes). */
  salt: string;
  /** 64 hex digits: `commitPersonalValue(value, salt).commitment`. */
  commitment: string;
  /** HMAC-SHA-256 (hex) of the value under the vault's secret, for the subject's 身份证号; else null. */
  lookup: string | null;
}

/** What the vault knows of a 身份证号: its lookup key, and the subject with its salts if the person is known. */
export interface ResolvedSubject {
  lookup: string;
  subject?: string;
  salts: Partial<Record<PersonalKind, string>>;
}

/** A subject's erasure as recorded: the `PersonalDataErased` event on `quota-erasure-<subject>`. */
export interface ErasureRecord {
  subject: string;
  reason: string;
  actor: Actor;
  at: string;
  /** The commitments whose values and salts went (they open nothing any more). */
  commitments: string[];
  /** The erasure event's stream and global position. */
  streamId: string;
  position: number;
}

/** What `eraseSubject` is told: why, and who erases. */
export interface EraseOptions {
  reason: string;
  actor: Actor;
  /** The instant recorded (default now). */
  at?: Date;
}

/** The event type that records an erasure. */
export const PERSONAL_ERASED = 'PersonalDataErased';

/** The stream that records a subject's erasure (one per subject: an erasure is recorded once). */
export function erasureStreamId(subject: string): string {
  return `quota-erasure-${subject}`;
}

/** Checks `eraseSubject`'s arguments as every store must (ValidationError at `subject`, `options.reason`, `options.actor`). */
export function checkErase(
  subject: unknown,
  options: unknown,
): { subject: string; reason: string; actor: Actor; at: Date } {
  const issues: ValidationIssue[] = [];
  const o = (typeof options === 'object' && options !== null ? options : {}) as Partial<EraseOptions>;
  if (typeof subject !== 'string' || !HEX32.test(subject)) {
    issues.push({
      path: ['subject'],
      code: 'invalid_format',
      message: 'expected a subject id (32 lowercase hex digits)',
      expected: '32 lowercase hex digits',
      received: String(subject),
    });
  }
  if (typeof o.reason !== 'string' || o.reason.trim().length === 0) {
    issues.push({
      path: ['options', 'reason'],
      code: 'required',
      message: 'expected the reason of the erasure',
      expected: 'a non-empty string',
      received: String(o.reason),
    });
  }
  const actor = actorSchema.safeParse(o.actor);
  if (!actor.success)
    issues.push({
      path: ['options', 'actor'],
      code: 'invalid_type',
      message: 'expected the actor who erases ({ id, role })',
      expected: '{ id, role }',
      received: JSON.stringify(o.actor) ?? String(o.actor),
    });
  const at = o.at ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    issues.push({
      path: ['options', 'at'],
      code: 'invalid_instant',
      message: 'expected a Date',
      expected: 'Date',
      received: String(at),
    });
  if (issues.length > 0) throw new ValidationError(issues, 'eraseSubject');
  return { subject: subject as string, reason: (o.reason as string).trim(), actor: actor.data as Actor, at };
}

/** The event an erasure appends (first and only event of `erasureStreamId(subject)`). */
export function erasureEvent(
  subject: string,
  commitments: readonly string[],
  options: { reason: string; actor: Actor; at: Date },
): NewEvent {
  const id = `erase-${subject}`;
  return {
    type: PERSONAL_ERASED,
    data: { subject, reason: options.reason, commitments: [...commitments].sort() },
    meta: {
      at: options.at.toISOString(),
      actor: { id: options.actor.id, role: options.actor.role },
      commandId: id,
      correlationId: id,
    },
  };
}

/** The record of an erasure from its stored event. */
export function erasureRecord(e: StoredEvent): ErasureRecord {
  const d = e.data as { subject: string; reason: string; commitments: string[] };
  return {
    subject: d.subject,
    reason: d.reason,
    actor: e.meta.actor,
    at: e.meta.at,
    commitments: d.commitments,
    streamId: e.streamId,
    position: e.position,
  };
}

/** The subject a stored event erases, if it is an erasure. */
export function erasedSubjectOf(e: { streamId?: unknown; type?: unknown; data?: unknown }): string | undefined {
  if (e.type !== PERSONAL_ERASED || typeof e.streamId !== 'string' || !e.streamId.startsWith('quota-erasure-'))
    return undefined;
  const subject = (e.data as { subject?: unknown } | null)?.subject;
  return typeof subject === 'string' && e.streamId === erasureStreamId(subject) ? subject : undefined;
}

/**
 * A store's personal-data vault. Rows are written by `append` in the same
 * transaction as the events (`AppendOptions.personal`); a row whose
 * commitment is there already is kept as it is. An append whose rows give a
 * lookup key or a (subject, kind) salt that the vault holds for another
 * subject or salt (two writers created the same person at once) is refused
 * with a ConcurrencyError, and nothing is written: the engine retries.
 */
export interface PersonalVault {
  /** For each 身份证号: its lookup key, and the known subject and salts. */
  resolve(idNumbers: readonly string[]): Promise<Map<string, ResolvedSubject>>;
  /**
   * The lookup keys of personal values (HMAC-SHA-256 under the vault's secret,
   * {@link personalLookupKey}): what a command's fingerprint is computed over in
   * place of the values, so `meta.commandFingerprint` is no bare hash of a 身份证号.
   */
  lookupKeys(values: readonly { kind: PersonalKind; value: unknown }[]): Promise<string[]>;
  /** The vault's rows (of the given subjects; default all), ordered by subject, kind, commitment. */
  rows(subjects?: readonly string[]): Promise<PersonalVaultRow[]>;
  /**
   * Erases a subject: its values, salts and lookup key go, and a
   * `PersonalDataErased` event on `quota-erasure-<subject>` records who erased
   * which commitments and why, in one transaction. No event changes, so every
   * hash chain stays valid; the tokens stay and still compare equal, so replay
   * decides as before. Erasing a subject again returns the first record; a
   * subject the vault never held is a NotFoundError.
   */
  eraseSubject(subject: string, options: EraseOptions): Promise<ErasureRecord>;
}

/**
 * A vault entry as the stores keep it, one per value of a subject:
 * kind, commitment, value, lookup key; a fifth element, the salt, only when it
 * is not the subject's salt of that kind (rows that disagreed, as a store
 * upgraded from rows per value may hold; the engine never makes them).
 */
export type VaultEntry = [kind: PersonalKind, commitment: string, value: unknown, lookup: string | null, salt?: string];

/** The vault rows of one subject, as a store keeps them in one row: its lookup key, a salt per kind, its entries. */
export interface VaultSubject {
  lookup: string | null;
  salts: Partial<Record<PersonalKind, string>>;
  entries: VaultEntry[];
}

/** Vault rows grouped by subject (the first lookup key and the first salt of each kind a subject's rows give). */
export function vaultSubjects(rows: readonly PersonalVaultRow[]): Map<string, VaultSubject> {
  const out = new Map<string, VaultSubject>();
  for (const r of rows) {
    let s = out.get(r.subject);
    if (!s) {
      s = { lookup: null, salts: {}, entries: [] };
      out.set(r.subject, s);
    }
    if (s.entries.some((e) => e[1] === r.commitment)) continue;
    s.salts[r.kind] ??= r.salt;
    if (r.lookup !== null) s.lookup ??= r.lookup;
    const entry: VaultEntry = [r.kind, r.commitment, r.value, r.lookup];
    if (s.salts[r.kind] !== r.salt) entry.push(r.salt);
    s.entries.push(entry);
  }
  return out;
}

/** A subject's entries as vault rows, ordered by kind, then commitment. */
export function vaultRowsOf(
  subject: string,
  salts: Partial<Record<PersonalKind, string | null>>,
  entries: readonly VaultEntry[],
): PersonalVaultRow[] {
  return entries
    .map(
      (e): PersonalVaultRow => ({
        commitment: e[1],
        subject,
        kind: e[0],
        value: e[2],
        salt: e[4] ?? (salts[e[0]] as string),
        lookup: e[3],
      }),
    )
    .sort((a, b) =>
      a.kind !== b.kind
        ? a.kind < b.kind
          ? -1
          : 1
        : a.commitment < b.commitment
          ? -1
          : a.commitment > b.commitment
            ? 1
            : 0,
    );
}

/**
 * HMAC-SHA-256 lookup key of a personal value under a vault secret:
 * HMAC(secret, "certflow:personal-lookup:v1" ‖ 0x00 ‖ kind ‖ 0x00 ‖ canonical(value)),
 * by node:crypto's `createHmac`.
 */
export function personalLookupKey(secret: Uint8Array, kind: PersonalKind, value: unknown): string {
  return createHmac('sha256', secret)
    .update(`certflow:personal-lookup:v1\u0000${kind}\u0000${canonicalJson(value)}`, 'utf8')
    .digest('hex');
}

type Path = readonly (string | '*')[];

/** As `eachParent`, stopping at the first object for which `fn` returns true (and returning true then). */
function eachParentUntil(
  value: unknown,
  path: Path,
  fn: (parent: Record<string, unknown>) => boolean,
  at = 0,
): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (at === path.length) return !Array.isArray(value) && fn(value as Record<string, unknown>);
  const head = path[at]!;
  if (head === '*') {
    if (Array.isArray(value)) for (const v of value) if (eachParentUntil(v, path, fn, at + 1)) return true;
    return false;
  }
  if (Array.isArray(value) || !Object.hasOwn(value, head)) return false;
  return eachParentUntil((value as Record<string, unknown>)[head], path, fn, at + 1);
}

/** Calls `fn` with every object the parent path reaches, expanding `'*'` over arrays. */
function eachParent(value: unknown, path: Path, fn: (parent: Record<string, unknown>) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (path.length === 0) {
    if (!Array.isArray(value)) fn(value as Record<string, unknown>);
    return;
  }
  const [head, ...rest] = path;
  if (head === '*') {
    if (Array.isArray(value)) for (const v of value) eachParent(v, rest, fn);
    return;
  }
  if (Array.isArray(value) || !Object.hasOwn(value, head!)) return;
  eachParent((value as Record<string, unknown>)[head!], rest, fn);
}

/** The fields grouped by the object that holds them (one person per object). */
function groups(fields: readonly PersonalFieldPath[]): { parent: Path; keys: { key: string; kind: PersonalKind }[] }[] {
  const out = new Map<string, { parent: Path; keys: { key: string; kind: PersonalKind }[] }>();
  for (const f of fields) {
    const parent = f.path.slice(0, -1);
    const key = f.path[f.path.length - 1]!;
    const id = JSON.stringify(parent);
    const g = out.get(id) ?? { parent, keys: [] };
    g.keys.push({ key, kind: f.kind });
    out.set(id, g);
  }
  return [...out.values()];
}

/** Every personal value at the given fields of `data`: its holder object, key and kind. */
export function personalValues(
  data: unknown,
  fields: readonly PersonalFieldPath[],
): { holder: Record<string, unknown>; key: string; kind: PersonalKind; value: unknown }[] {
  const out: { holder: Record<string, unknown>; key: string; kind: PersonalKind; value: unknown }[] = [];
  for (const g of groups(fields)) {
    eachParent(data, g.parent, (holder) => {
      for (const { key, kind } of g.keys)
        if (Object.hasOwn(holder, key) && holder[key] !== undefined)
          out.push({ holder, key, kind, value: holder[key] });
    });
  }
  return out;
}

/**
 * The vault rows `personalizePayload` made (frozen, so still as made): their
 * commitments were computed from their values and salts here and their
 * subject, kind and lookup key checked, so the stores' `checkVaultRows` need
 * not check them again. Any other row is checked and opened.
 */
const madeRows = new WeakSet<object>();
/**
 * A row made here, marked as checked when `checked` says its subject and
 * lookup key are what checkVaultRows accepts (a vault's answers are checked
 * once a person, never trusted blindly; a new subject id is by construction).
 */
function madeRow(row: PersonalVaultRow, checked: boolean): PersonalVaultRow {
  if (!checked || (typeof row.value === 'object' && row.value !== null)) return row;
  if (row.kind !== 'id-number' && row.kind !== 'name') return row;
  Object.freeze(row);
  madeRows.add(row);
  return row;
}

/**
 * A copy of `value` for writing at the given parent paths: every array and
 * object on the way to them, and every object they reach, is a fresh shallow
 * copy; everything else is shared with `value` (never written). The same
 * objects as `eachParent` reaches, so a field written in the copy is never
 * the caller's; a deep copy of the whole payload cost more than the rest of
 * the engine's work on it.
 */
function copyAlong(value: unknown, paths: readonly Path[]): unknown {
  if (value === null || typeof value !== 'object' || paths.length === 0) return value;
  if (Array.isArray(value)) {
    const inner: Path[] = [];
    for (const p of paths) if (p[0] === '*') inner.push(p.slice(1));
    if (inner.length === 0) return value;
    return value.map((v) => copyAlong(v, inner));
  }
  const copy: Record<string, unknown> = { ...value };
  let byKey: Map<string, Path[]> | undefined;
  for (const p of paths) {
    const head = p[0];
    if (head === undefined || head === '*' || !Object.hasOwn(value, head)) continue;
    byKey ??= new Map();
    const rest = byKey.get(head);
    if (rest) rest.push(p.slice(1));
    else byKey.set(head, [p.slice(1)]);
  }
  if (byKey) for (const [key, rest] of byKey) copy[key] = copyAlong(copy[key], rest);
  return copy;
}

type FoundValue = { holder: Record<string, unknown>; key: string; kind: PersonalKind; value: unknown };

/**
 * Replaces the personal values of a (validated) command payload by format-2
 * tokens, finding each person's subject in the vault by 身份证号 or making a new
 * one. Returns the payload with tokens (a copy) and the vault rows the append
 * must write with the events. A person is the object holding the fields: its
 * 身份证号 names the subject; an object without one is a new subject.
 */
export async function personalizePayload<T>(
  payload: T,
  fields: readonly PersonalFieldPath[],
  vault: PersonalVault,
): Promise<{ payload: T; rows: PersonalVaultRow[] }> {
  if (fields.length === 0) return { payload, rows: [] };
  const byHolder = groups(fields);
  const copy = copyAlong(
    payload,
    byHolder.map((g) => g.parent),
  ) as T;
  const people: { fields: FoundValue[]; idNumber: string | undefined }[] = [];
  const idNumbers = new Set<string>();
  for (const g of byHolder) {
    eachParent(copy, g.parent, (holder) => {
      const found: FoundValue[] = [];
      let idNumber: string | undefined;
      for (const { key, kind } of g.keys) {
        if (!Object.hasOwn(holder, key)) continue;
        const value = holder[key];
        if (value === undefined) continue;
        found.push({ holder, key, kind, value });
        if (idNumber === undefined && kind === 'id-number' && typeof value === 'string') idNumber = value;
      }
      if (found.length === 0) return;
      if (idNumber !== undefined) idNumbers.add(idNumber);
      people.push({ fields: found, idNumber });
    });
  }
  if (people.length === 0) return { payload, rows: [] };
  const resolved = await vault.resolve([...idNumbers]);
  // Within one command, one 身份证号 is one new subject too.
  const made = new Map<string, ResolvedSubject & { subject: string }>();
  // The raw bytes of the salts made here (a fresh salt is never encoded and decoded again).
  const fresh = new Map<string, Buffer>();
  const rows = new Map<string, PersonalVaultRow>();
  for (const p of people) {
    const known = p.idNumber === undefined ? undefined : resolved.get(p.idNumber);
    let subject: ResolvedSubject & { subject: string };
    if (known?.subject) subject = known as ResolvedSubject & { subject: string };
    else if (p.idNumber !== undefined && made.has(p.idNumber)) subject = made.get(p.idNumber)!;
    else {
      subject = { lookup: known?.lookup ?? '', subject: newSubjectId(), salts: {} };
      if (p.idNumber !== undefined) made.set(p.idNumber, subject);
    }
    const checked =
      (subject !== known || HEX32.test(subject.subject)) && (subject.lookup === '' || HEX64.test(subject.lookup));
    for (const f of p.fields) {
      let salt = subject.salts[f.kind];
      let bytes: Buffer | undefined;
      if (salt === undefined) {
        bytes = freshRandom(PERSONAL_SALT_BYTES);
        salt = bytes.toString('base64url');
        subject.salts[f.kind] = salt;
        fresh.set(salt, bytes);
      } else {
        bytes = fresh.get(salt) ?? saltBytes(salt);
        if (!bytes) throw new RangeError(`a personal-data salt is base64url of at least ${PERSONAL_SALT_BYTES} bytes`);
      }
      const commitment = commitmentWithSaltBytes(bytes, f.value);
      f.holder[f.key] = personalToken(subject.subject, commitment);
      const ownId = f.kind === 'id-number' && f.value === p.idNumber;
      // The 身份证号 that found a known subject is in the vault already (its lookup key is that row's): no row.
      if (ownId && known?.subject !== undefined && known.salts['id-number'] === salt) continue;
      const lookup = ownId && subject.lookup !== '' ? subject.lookup : null;
      if (!rows.has(commitment))
        rows.set(
          commitment,
          madeRow({ subject: subject.subject, kind: f.kind, value: f.value, salt, commitment, lookup }, checked),
        );
    }
  }
  return { payload: copy, rows: [...rows.values()] };
}

/** Whether any personal field of `data` holds a format-2 token. */
export function holdsPersonalTokens(data: unknown, fields: readonly PersonalFieldPath[] | undefined): boolean {
  if (!fields || fields.length === 0) return false;
  // Stops at the first token (a format-2 payload holds one in its first personal field).
  for (const f of fields) {
    const key = f.path[f.path.length - 1]!;
    let holds = false;
    eachParentUntil(data, f.path.slice(0, -1), (holder) => {
      const v = Object.hasOwn(holder, key) ? holder[key] : undefined;
      holds = typeof v === 'string' && v.length === 106 && parsePersonalToken(v) !== undefined;
      return holds;
    });
    if (holds) return true;
  }
  return false;
}

/** The event with `meta.format: 2` when its personal fields hold tokens; else as it is. */
export function markPersonalFormat<E extends NewEvent>(event: E, fields: readonly PersonalFieldPath[] | undefined): E {
  return holdsPersonalTokens(event.data, fields)
    ? { ...event, meta: { ...event.meta, format: PERSONAL_FORMAT } }
    : event;
}

/**
 * Checks the vault rows an append carries, as every store must before
 * writing them: subject, kind, a salt that opens the commitment for the
 * value, a lookup key of 64 hex digits or null. Throws a ValidationError at
 * `options.personal[i]`; nothing is written.
 */
export function checkVaultRows(rows: unknown, operation: 'append' | 'import' = 'append'): PersonalVaultRow[] {
  if (rows === undefined) return [];
  const issues: ValidationIssue[] = [];
  const bad = (path: (string | number)[], expected: string, received: string) =>
    issues.push({
      path: ['options', 'personal', ...path],
      code: 'invalid_personal_row',
      message: `expected ${expected}, received ${received}`,
      expected,
      received,
    });
  if (!Array.isArray(rows)) {
    bad([], 'an array of vault rows', typeof rows);
    throw new ValidationError(issues, operation);
  }
  rows.forEach((r: Partial<PersonalVaultRow> | null, i) => {
    // A row personalizePayload made (frozen since) holds what the checks below accept.
    if (madeRows.has(r as object)) return;
    if (typeof r !== 'object' || r === null) {
      bad([i], 'a vault row', String(r));
      return;
    }
    if (typeof r.subject !== 'string' || !HEX32.test(r.subject))
      bad([i, 'subject'], '32 lowercase hex digits', String(r.subject));
    if (r.kind !== 'id-number' && r.kind !== 'name') bad([i, 'kind'], "'id-number' | 'name'", String(r.kind));
    if (r.lookup !== null && (typeof r.lookup !== 'string' || !HEX64.test(r.lookup)))
      bad([i, 'lookup'], '64 lowercase hex digits or null', String(r.lookup));
    if (
      typeof r.salt !== 'string' ||
      typeof r.commitment !== 'string' ||
      !openPersonalCommitment(r.commitment, r.value, r.salt)
    ) {
      bad([i, 'commitment'], 'the commitment of the value with the salt', String(r.commitment));
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, operation);
  return rows as PersonalVaultRow[];
}

/**
 * Imported vault rows keyed for this vault: the lookup key of each 身份证号 is
 * computed again under `secret` (a row brings the key of the vault it came
 * from, which finds nothing here); a row without a key keeps none. Checks the rows first
 * (`checkVaultRows`).
 */
export function importedVaultRows(secret: Uint8Array, rows: unknown): PersonalVaultRow[] {
  return checkVaultRows(rows, 'import').map((r) => ({
    ...r,
    lookup: r.lookup === null ? null : personalLookupKey(secret, r.kind, r.value),
  }));
}

/** The vault rows of an append refused by a store that has no vault. */
export function refuseVaultRows(rows: unknown, operation: 'append' | 'import' = 'append'): void {
  if (rows === undefined || (Array.isArray(rows) && rows.length === 0)) return;
  const expected = 'no vault rows (this store keeps no personal-data vault)';
  throw new ValidationError(
    [
      {
        path: ['options', 'personal'],
        code: 'invalid_personal_row',
        message: `expected ${expected}`,
        expected,
        received: 'vault rows',
      },
    ],
    operation,
  );
}

/**
 * A copy of a raw command payload whose personal values (at the fields of the
 * command's payload schema) are replaced by their vault lookup keys
 * (`"lookup:" + key`): the fingerprint of a command to a store with a vault.
 */
export async function keyedPayload(
  payload: unknown,
  fields: readonly PersonalFieldPath[],
  vault: PersonalVault,
): Promise<unknown> {
  if (fields.length === 0 || payload === null || typeof payload !== 'object') return payload;
  const copy = copyAlong(
    payload,
    groups(fields).map((g) => g.parent),
  );
  const found = personalValues(copy, fields);
  if (found.length === 0) return payload;
  const keys = await vault.lookupKeys(found.map((f) => ({ kind: f.kind, value: f.value })));
  found.forEach((f, n) => {
    f.holder[f.key] = `lookup:${keys[n]}`;
  });
  return copy;
}
