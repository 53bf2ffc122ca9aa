// A realistic certflow log of any size, for the scale benchmark and the
// streaming tests: every region's quickstart story run once through the
// engine (applications, evaluations, publicity, filings, exam plans with
// rosters, results, certificates, refusals), then copied under fresh
// identities until the log has N events. Each copy gets its own stream ids,
// command ids, organization names, 统一社会信用代码 and 身份证号 (both with
// valid check characters; a 身份证号 keeps its province, city, birth date and
// sex digit, so every recorded decision still holds), consecutive global
// positions, and hashes recomputed along each stream's chain. Written as an
// unmasked `certflow export` (header line, then one event per line), one copy
// at a time: the generator holds one copy, never the log.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  canonicalJson,
  computeEventHash,
  idCardCheckCharacter,
  isValidIdCardNumber,
  isValidUscc,
  memoryStore,
  usccCheckCharacter,
  type StoredEvent,
} from '@certflow/core';
import { runDemo } from '../../examples/quickstart/src/demo.js';
import { stories } from '../../examples/quickstart/src/stories/index.js';

/** How copies are made: raise it whenever a change to this file changes the log it writes. */
const GENERATOR = 2;

export interface BaseLog {
  events: StoredEvent[];
  /** Story keys (rule pack folders) whose story ran: every pack's, always (a refused story is an error). */
  stories: string[];
  /** Events per story key (each story's streams are its own), so a run can say what replay re-checks. */
  perStory: Record<string, number>;
  /** Short digest of the base events: a cached log is reused only for the same base. */
  digest: string;
}

/**
 * Runs every quickstart story (one per rule pack) once through the engine on a
 * memory store and returns its log. A story the engine refuses is an error,
 * never left out: the log must hold real decisions of every pack, or replay
 * would re-check less than the benchmark claims.
 */
export async function baseLog(): Promise<BaseLog> {
  const perStory: Record<string, number> = {};
  for (const s of stories) {
    const one = memoryStore();
    try {
      await runDemo(one, () => {}, [s]);
    } catch (e) {
      throw new Error(
        `the ${s.key} story no longer runs through the engine, so the scale log would leave its pack out: ${((e as Error)?.message ?? String(e)).slice(0, 300)}`,
      );
    }
    let n = 0;
    for await (const _ of one.readAll()) n++;
    perStory[s.key] = n;
  }
  const store = memoryStore();
  await runDemo(store, () => {}, stories);
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  // Over what the stories decide, not the random command ids each run draws, so the cache is reused across runs,
  // and over how copies are made (GENERATOR), so a changed generator writes a new file.
  const digest = createHash('sha256')
    .update(`${GENERATOR}\n`)
    .update(events.map((e) => `${e.streamId} ${e.version} ${e.type} ${canonicalJson(e.data)}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
  return { events, stories: stories.map((s) => s.key), perStory, digest };
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const KEYS_NAMING_IDENTITIES = new Set([
  'applicantId',
  'commandId',
  'correlationId',
  'organizationName',
  'streamId',
  'filingStreamId',
  'applicationStreamId',
  'examStreamId',
]);

const CERTIFICATE_NUMBER = /^[SY]\d{21}$/;
const CERTIFICATE_STREAM = /^certificate-[SY]\d{21}$/;

/**
 * The strings that make one copy's identity: stream ids, ids, names, ID
 * numbers, credit codes and certificate numbers (a certificate stream's id is
 * `certificate-<its number>`, so it is copied through its number).
 */
function identityTokens(events: StoredEvent[]): {
  plain: Set<string>;
  idNumbers: Set<string>;
  usccs: Set<string>;
  certificates: Set<string>;
} {
  const plain = new Set<string>();
  const idNumbers = new Set<string>();
  const usccs = new Set<string>();
  const certificates = new Set<string>();
  const addPlain = (v: string) => {
    if (CERTIFICATE_STREAM.test(v)) certificates.add(v.slice('certificate-'.length));
    else plain.add(v);
  };
  const walk = (v: unknown, key: string | undefined) => {
    if (typeof v === 'string') {
      if (isValidIdCardNumber(v)) idNumbers.add(v);
      else if (isValidUscc(v)) usccs.add(v);
      else if (CERTIFICATE_NUMBER.test(v)) certificates.add(v);
      else if (key && (KEYS_NAMING_IDENTITIES.has(key) || key.endsWith('StreamId')) && v.length >= 4) addPlain(v);
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const e of events) {
    addPlain(e.streamId);
    addPlain(e.meta.actor.id);
    walk(e.data, undefined);
    walk(e.meta, undefined);
  }
  return { plain, idNumbers, usccs, certificates };
}

/**
 * Copy k's certificate number for an original: kind, organization, province,
 * year, level and serial kept, the 6-digit site sequence made from (k, the
 * original site's index), unique while k < 125,000 (10 million events).
 */
function copyCertificateNumber(n: string, k: number, siteIndex: number): string {
  const site = String((k * 8 + siteIndex) % 1_000_000).padStart(6, '0');
  return `${n.slice(0, 7)}${site}${n.slice(13)}`;
}

/** Copy k's 身份证号 for an original: same province and city, district 01..99 and sequence shifted by k (the sex digit's parity kept). */
function copyIdNumber(id: string, k: number): string {
  const district = String(1 + (k % 99)).padStart(2, '0');
  const seq = (Number(id.slice(14, 17)) + 2 * Math.floor(k / 99)) % 1000;
  const first17 = `${id.slice(0, 4)}${district}${id.slice(6, 14)}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckCharacter(first17);
}

/** Copy k's 统一社会信用代码 for the i-th original: authority, type and division kept, the organization code made from (k, i). */
function copyUscc(code: string, k: number, i: number): string {
  let n = k * 64 + i;
  let tail = '';
  for (let d = 0; d < 7; d++) {
    tail = USCC_CHARS[n % 31]! + tail;
    n = Math.floor(n / 31);
  }
  const first17 = code.slice(0, 10) + tail;
  return first17 + usccCheckCharacter(first17);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Writes a log of exactly `n` events to `file` (through a temporary file, so
 * an interrupted run leaves nothing that looks finished). Returns the number
 * of streams written.
 */
export async function writeScaleLog(
  file: string,
  n: number,
  base?: BaseLog,
): Promise<{ events: number; streams: number; base: BaseLog }> {
  const b = base ?? (await baseLog());
  const tokens = identityTokens(b.events);
  const all = [...tokens.plain, ...tokens.idNumbers, ...tokens.usccs, ...tokens.certificates].sort(
    (x, y) => y.length - x.length,
  );
  if (all.length === 0) throw new Error('the base log names no identities to copy');
  const re = new RegExp(all.map(escapeRe).join('|'), 'g');
  const usccIndex = new Map([...tokens.usccs].map((u, i) => [u, i]));
  const sites = [...new Set([...tokens.certificates].map((c) => c.slice(7, 13)))];
  if (sites.length > 8)
    throw new Error('the base log has more than 8 certificate site sequences: widen copyCertificateNumber');
  // Each base event as JSON text without its chain fields, cut once at its identities:
  // [text, token, text, token, …, text], so a copy is a join, not a search.
  const templates = b.events.map((e) => JSON.stringify({ ...e, position: 0, prevHash: null, hash: '' }).split(re));
  const found = b.events.map((e) => JSON.stringify({ ...e, position: 0, prevHash: null, hash: '' }).match(re) ?? []);

  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const fd = openSync(tmp, 'w');
  let written = 0;
  let streams = 0;
  try {
    writeSync(
      fd,
      `${JSON.stringify({ certflowExport: { format: 1, masked: false, note: 'Events as stored, verifiable with certflow verify. Contains personal ID numbers (身份证号): keep it as confidential as the store itself.' } })}\n`,
    );
    for (let k = 0; written < n; k++) {
      const swap = new Map<string, string>();
      for (const t of tokens.plain) swap.set(t, `${t}-c${k}`);
      for (const t of tokens.idNumbers) swap.set(t, copyIdNumber(t, k));
      for (const t of tokens.usccs) swap.set(t, copyUscc(t, k, usccIndex.get(t)!));
      for (const t of tokens.certificates) swap.set(t, copyCertificateNumber(t, k, sites.indexOf(t.slice(7, 13))));
      const prev = new Map<string, string>();
      const lines: string[] = [];
      for (let t = 0; t < templates.length; ) {
        if (written >= n) break;
        const parts = templates[t]!;
        const ids = found[t]!;
        let text = parts[0]!;
        for (let i = 0; i < ids.length; i++) text += swap.get(ids[i]!)! + parts[i + 1]!;
        t++;
        const e = JSON.parse(text) as StoredEvent;
        e.position = ++written;
        e.prevHash = prev.get(e.streamId) ?? null;
        if (e.prevHash === null) streams++;
        e.hash = computeEventHash(e);
        prev.set(e.streamId, e.hash);
        lines.push(JSON.stringify(e));
      }
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return { events: written, streams, base: b };
}

/**
 * The cached log of `n` events under `.certflow/bench/` (written on first use,
 * reused while the stories produce the same base log). `fresh` rewrites it.
 */
export async function scaleLog(
  n: number,
  options: { root?: string; fresh?: boolean; log?: (text: string) => void } = {},
): Promise<{ file: string; base: BaseLog; reused: boolean }> {
  const base = await baseLog();
  const root = options.root ?? resolve(import.meta.dirname, '../..');
  const file = join(root, '.certflow', 'bench', `scale-${n}-${base.digest}.jsonl`);
  if (!options.fresh && existsSync(file) && statSync(file).size > 0) return { file, base, reused: true };
  const started = performance.now();
  const r = await writeScaleLog(file, n, base);
  options.log?.(
    `wrote ${r.events} events in ${r.streams} streams (${base.events.length}-event base of ${base.stories.length} stories: ${base.stories.map((k) => `${k} ${base.perStory[k]}`).join(', ')}) to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { file, base, reused: false };
}
