import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { PersonalVaultRow } from '@certflow/core';

/**
 * First line of a JSONL export written by `certflow export`: says whether ID
 * numbers were masked. Readers accept files with or without it (a file with
 * none is taken as events written verbatim).
 */
export interface ExportHeader {
  certflowExport: {
    /** 1: before event format 2 (a masked file cannot be verified); 2: personal lines may follow the header. */
    format: 1 | 2;
    masked: boolean;
    /** Format 2: what the personal lines after the header carry: masked display forms, or the vault (--with-personal-data). */
    personal?: 'display' | 'vault';
    note: string;
  };
}

/**
 * A line between the header and the events of a format-2 export, outside
 * every hash: `display` gives the masked display forms of tokens of the
 * format-2 events, token → form, up to 1,000 a line (for reading only, they
 * prove nothing); `vault` one row of the personal-data vault
 * (--with-personal-data), against which verify checks that every commitment opens.
 */
export interface PersonalLine {
  certflowPersonal: { display: Record<string, string> } | { vault: PersonalVaultRow };
}

/** Display forms a line at most. */
export const DISPLAY_PER_LINE = 1000;

export function isPersonalLine(value: unknown): value is PersonalLine {
  const p = (value as { certflowPersonal?: unknown } | null)?.certflowPersonal;
  return typeof p === 'object' && p !== null && ('display' in p || 'vault' in p);
}

export const MASKED_NOTE =
  'ID numbers (身份证号) in data and meta are masked; event hashes cannot be recomputed from this file. Export with --unmasked for a verifiable archive.';
export const UNMASKED_NOTE =
  'Events as stored, verifiable with certflow verify. Contains personal ID numbers (身份证号): keep it as confidential as the store itself.';

export const MASKED_NOTE_2 =
  'Events as stored, verifiable with certflow verify: personal values of format-2 events are tokens (subject and salted commitment), their masked display forms are on certflowPersonal lines outside every hash and prove nothing. ID numbers (身份证号) of format-1 events are masked, and those events cannot be verified.';
export const VAULT_NOTE =
  'Events as stored with the personal-data vault (certflowPersonal lines: values and salts), verifiable with certflow verify, which also checks that every commitment opens. Contains personal ID numbers (身份证号): keep it as confidential as the store itself.';

export const WITHHELD_NOTE =
  'Events as stored, verifiable with certflow verify: personal values of format-2 events are tokens (subject and salted commitment). The role that exported them may not read the personal-data vault, so their masked display forms are unknown and not in this file (no certflowPersonal lines). ID numbers (身份证号) of format-1 events are masked, and those events cannot be verified.';

/**
 * The header of an export. `withheld`: the source has format-2 events but its
 * vault could not be read (a role without the vault's grant): format 2, no
 * personal lines, a note that says why.
 */
export function exportHeader(masked: boolean, personal?: 'display' | 'vault' | 'withheld'): ExportHeader {
  if (personal === 'withheld')
    return { certflowExport: { format: 2, masked, note: masked ? WITHHELD_NOTE : UNMASKED_NOTE } };
  if (personal === 'vault') return { certflowExport: { format: 2, masked: false, personal, note: VAULT_NOTE } };
  if (personal === 'display')
    return { certflowExport: { format: 2, masked, personal, note: masked ? MASKED_NOTE_2 : UNMASKED_NOTE } };
  return { certflowExport: { format: 1, masked, note: masked ? MASKED_NOTE : UNMASKED_NOTE } };
}

export function isExportHeader(value: unknown): value is ExportHeader {
  const h = (value as { certflowExport?: unknown } | null)?.certflowExport;
  return typeof h === 'object' && h !== null && typeof (h as { masked?: unknown }).masked === 'boolean';
}

/** One line of a JSONL file: a parsed value, or why it could not be parsed. */
export type JsonlRecord = { line: number; value: unknown } | { line: number; error: string };

/**
 * The lines in the text between two \n (or the text's end): a \r ending it is
 * the \r of \r\n, every other \r is a line break of its own (as readline has it).
 */
export function* splitAtCarriageReturns(text: string): Generator<string> {
  if (!text.includes('\r')) {
    yield text;
    return;
  }
  yield* (text.endsWith('\r') ? text.slice(0, -1) : text).split('\r');
}

/**
 * The lines of a batch, decoded one by one (a line of plain text stays a
 * one-byte string), split where readline splits them (crlfDelay Infinity):
 * at \n, \r\n, and a \r not followed by \n.
 */
export function* linesOf(bytes: Buffer, last: boolean): Generator<string> {
  let at = 0;
  while (at < bytes.length) {
    let nl = bytes.indexOf(10, at);
    if (nl < 0) {
      if (!last) return;
      nl = bytes.length;
    }
    const text = bytes.toString('utf8', at, nl);
    at = nl + 1;
    yield* splitAtCarriageReturns(text);
  }
}

/**
 * The lines of a text read as bytes, split where readline splits them
 * (crlfDelay Infinity): at \n, \r\n, and a \r not followed by \n. Each
 * line is decoded on its own (a line break byte never falls inside a UTF-8
 * sequence), so no chunk is decoded whole and no line event is emitted: the
 * cost of readline and its string decoder, a fifth of verify's time, goes.
 */
export function linesOfBytes(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string>;
/** The same, a line that begins with `rawPrefix` and ends with `}` given as its bytes, undecoded. */
export function linesOfBytes(
  chunks: AsyncIterable<Buffer | string>,
  rawPrefix?: Buffer,
): AsyncGenerator<string | Buffer>;
export async function* linesOfBytes(
  chunks: AsyncIterable<Buffer | string>,
  rawPrefix?: Buffer,
): AsyncGenerator<string | Buffer> {
  let carry: Buffer | undefined;
  const split = splitAtCarriageReturns;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const buf = carry ? Buffer.concat([carry, bytes]) : bytes;
    let at = 0;
    for (let nl = buf.indexOf(10, at); nl >= 0; nl = buf.indexOf(10, at)) {
      if (rawPrefix && isRawLine(buf, at, nl, rawPrefix)) yield buf.subarray(at, nl);
      else yield* split(buf.toString('utf8', at, nl));
      at = nl + 1;
    }
    carry = at < buf.length ? buf.subarray(at) : undefined;
  }
  if (carry) {
    if (rawPrefix && isRawLine(carry, 0, carry.length, rawPrefix)) yield carry;
    else yield* split(carry.toString('utf8'));
  }
}

/**
 * Whether bytes `at`..`end` are a line kept undecoded: it begins with the
 * prefix, ends with `}` and holds no \r (which would split it).
 */
function isRawLine(buf: Buffer, at: number, end: number, prefix: Buffer): boolean {
  return (
    end - at > prefix.length &&
    buf[end - 1] === 0x7d &&
    buf.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0 &&
    buf.subarray(at, end).indexOf(13) < 0
  );
}

/**
 * Reads JSONL lazily, one record per non-blank line, with 1-based line
 * numbers. A line that begins with `rawPrefix` and ends with `}` is kept as
 * its bytes, decoded only if its `raw` text is read (display lines of a masked
 * export: verify never reads them, and 75 MB of them decoded were 150 MB of
 * two-byte strings on the heap).
 */
export async function* readJsonl(
  input: Readable | string,
  options: { rawPrefix?: string } = {},
): AsyncGenerator<JsonlRecord | RawJsonlRecord> {
  const stream = typeof input === 'string' ? createReadStream(input) : input;
  const prefix = options.rawPrefix === undefined ? undefined : Buffer.from(options.rawPrefix, 'utf8');
  let line = 0;
  for await (const text of linesOfBytes(stream, prefix)) {
    line++;
    if (typeof text !== 'string') {
      yield rawRecord(line, text);
      continue;
    }
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (e) {
      yield { line, error: `not JSON: ${(e as Error).message}` };
    }
  }
}

/** A raw record whose text is decoded from its bytes when first read. */
function rawRecord(line: number, bytes: Buffer): RawJsonlRecord {
  let text: string | undefined;
  return {
    line,
    get raw() {
      text ??= bytes.toString('utf8');
      return text;
    },
  };
}

/** A line kept as text, not parsed (see `readJsonl`'s `rawPrefix`). */
export interface RawJsonlRecord {
  line: number;
  raw: string;
}

/**
 * How `certflow export` begins a line of display forms: verify never needs
 * them, so a reader keeps such a line as text and parses it only when the
 * forms are asked for (a report).
 */
export const DISPLAY_LINE_PREFIX = '{"certflowPersonal":{"display":';

/** One JSON value per line. */
export function toJsonlLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
