import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * First line of a JSONL export written by `certflow export`: says whether ID
 * numbers were masked. Readers accept files with or without it (a file with
 * none is taken as events written verbatim).
 */
export interface ExportHeader {
  certflowExport: {
    format: 1;
    masked: boolean;
    note: string;
  };
}

export const MASKED_NOTE =
  'ID numbers (身份证号) in data and meta are masked; event hashes cannot be recomputed from this file. Export with --unmasked for a verifiable archive.';
export const UNMASKED_NOTE =
  'Events as stored, verifiable with certflow verify. Contains personal ID numbers (身份证号): keep it as confidential as the store itself.';

export function exportHeader(masked: boolean): ExportHeader {
  return { certflowExport: { format: 1, masked, note: masked ? MASKED_NOTE : UNMASKED_NOTE } };
}

export function isExportHeader(value: unknown): value is ExportHeader {
  const h = (value as { certflowExport?: unknown } | null)?.certflowExport;
  return typeof h === 'object' && h !== null && typeof (h as { masked?: unknown }).masked === 'boolean';
}

/** One line of a JSONL file: a parsed value, or why it could not be parsed. */
export type JsonlRecord = { line: number; value: unknown } | { line: number; error: string };

/** Reads JSONL lazily, one record per non-blank line, with 1-based line numbers. */
export async function* readJsonl(input: Readable | string): AsyncGenerator<JsonlRecord> {
  const stream = typeof input === 'string' ? createReadStream(input, { encoding: 'utf8' }) : input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (e) {
      yield { line, error: `not JSON: ${(e as Error).message}` };
    }
  }
}

/** One JSON value per line. */
export function toJsonlLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
