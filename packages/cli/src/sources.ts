import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CertflowError, hasTransparency, type EventStore, type TransparencyLog } from '@certflow/core';
import { CannotReadError, EmptySourceError, SourceNotFoundError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { isExportHeader, readJsonl, type ExportHeader, type JsonlRecord } from './jsonl.js';

export type SourceKind = 'jsonl' | 'sqlite' | 'postgres';

/** One event as read from a source (not yet verified), or a line that is not JSON. */
export type SourceRecord = { event: unknown; line?: number } | { error: string; line: number };

export interface Source {
  kind: SourceKind;
  /** How messages name the source (a URL's password is hidden). */
  label: string;
  /** The header line of a JSONL export written by `certflow export`, if the file has one. */
  header: ExportHeader | undefined;
  /** Every event in log order (readAll order for a store, line order for JSONL). */
  records(): AsyncIterable<SourceRecord>;
  /** The Merkle tree a store keeps beside its events (absent for JSONL): answered read-only, never trusted on its own. */
  transparency?: TransparencyLog;
  /** The file a JSONL or SQLite source reads (absent for stdin and PostgreSQL). */
  file?: string;
  /** The share of the source read so far (0..1), when known (a JSONL file: its bytes), for progress. */
  fraction?(): number | undefined;
  /** The store a SQLite or PostgreSQL source reads, opened read-only (to read one stream of it: replay); none for JSONL. */
  store?: EventStore;
  close(): Promise<void>;
}

/** Tells the kind of a source from its form: a postgres URL, a `.jsonl` file or `-`, else a SQLite file. */
export function sourceKind(spec: string): SourceKind {
  if (/^postgres(ql)?:\/\//i.test(spec)) return 'postgres';
  if (spec === '-' || /\.jsonl$/i.test(spec)) return 'jsonl';
  return 'sqlite';
}

/** A postgres URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  }
}

/**
 * Turns what went wrong while opening or reading a source into an error the
 * CLI reports with exit code 3 (could not read), keeping certflow's own
 * errors about the evidence (CORRUPT_STORE) and the CLI's own as they are.
 */
export function cannotRead(label: string, e: unknown, action: 'read' | 'write' = 'read'): unknown {
  if (e instanceof UsageError || e instanceof SourceNotFoundError || e instanceof CannotReadError || e instanceof EmptySourceError) return e;
  if (e instanceof CertflowError) {
    if (e.code === 'CORRUPT_STORE' || e.code === 'CLI_MASKED_EXPORT') return e;
    return new CannotReadError(label, e.format(), { action, causeCode: e.code, cause: e });
  }
  const code = (e as { code?: unknown })?.code;
  const message = (e as Error)?.message ?? String(e);
  return new CannotReadError(label, message, { action, ...(typeof code === 'string' ? { causeCode: code } : {}), cause: e });
}

/**
 * Opens the store a source or target names. `create` allows a missing SQLite
 * file to be made (import only); `readOnly` opens it the way an auditor reads
 * it: nothing is created, migrated or written.
 */
/** A postgres:// spec as the store takes it: `?schema=name` picks the schema (default `certflow`); pg itself must not see it. */
export function pgLocation(spec: string): { connectionString: string; schema: string } {
  const url = new URL(spec);
  const schema = url.searchParams.get('schema') ?? 'certflow';
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

export async function openStore(spec: string, io: CliIo, options: { create?: boolean; readOnly?: boolean } = {}): Promise<EventStore> {
  const kind = sourceKind(spec);
  if (kind === 'jsonl') throw new UsageError(`${spec} is a JSONL file, not a store: import into a SQLite file or a postgres:// URL`);
  if (kind === 'postgres') {
    const { connectionString, schema } = pgLocation(spec);
    const { postgresStore } = await import('@certflow/store-postgres');
    try {
      return postgresStore({ connectionString, schema, ...(options.readOnly ? { readOnly: true } : {}) });
    } catch (e) {
      throw cannotRead(redactUrl(spec), e);
    }
  }
  const file = resolve(io.cwd ?? process.cwd(), spec);
  if (!options.create && !existsSync(file)) throw new SourceNotFoundError(spec);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`${spec} is a directory, not a SQLite file`);
  const { sqliteStore } = await import('@certflow/store-sqlite');
  try {
    return sqliteStore({ file, ...(options.readOnly ? { readOnly: true } : {}) });
  } catch (e) {
    throw cannotRead(spec, e, options.readOnly ? 'read' : 'write');
  }
}

function fromStore(kind: SourceKind, label: string, store: EventStore, file?: string): Source {
  return {
    kind,
    label,
    header: undefined,
    store,
    ...(file ? { file } : {}),
    async *records() {
      try {
        for await (const event of store.readAll({ batchSize: 1000 })) yield { event };
      } catch (e) {
        throw cannotRead(label, e);
      }
    },
    ...(hasTransparency(store) ? { transparency: store.transparency } : {}),
    close: () => store.close().catch(() => undefined),
  };
}

async function fromJsonl(spec: string, io: CliIo): Promise<Source> {
  let input: NonNullable<CliIo['stdin']>;
  if (spec === '-') {
    if (!io.stdin) throw new UsageError({ key: 'usage.noStdin' });
    input = io.stdin;
  } else {
    const file = resolve(io.cwd ?? process.cwd(), spec);
    if (!existsSync(file)) throw new SourceNotFoundError(spec);
    input = createReadStream(file);
  }
  const size = typeof input !== 'string' && spec !== '-' ? statSync(resolve(io.cwd ?? process.cwd(), spec)).size : 0;
  const stream = input as { bytesRead?: number };
  const lines = readJsonl(input);
  const first = await lines.next();
  const pending: JsonlRecord | undefined = first.done ? undefined : first.value;
  const header = pending && 'value' in pending && isExportHeader(pending.value) ? pending.value : undefined;
  let consumed = false;
  return {
    kind: 'jsonl',
    label: spec === '-' ? '(stdin)' : spec,
    ...(spec === '-' ? {} : { file: resolve(io.cwd ?? process.cwd(), spec) }),
    header,
    fraction: () => (size > 0 && typeof stream.bytesRead === 'number' ? Math.min(1, stream.bytesRead / size) : undefined),
    async *records() {
      if (consumed) throw new Error('a JSONL source can be read once');
      consumed = true;
      const toRecord = (r: JsonlRecord): SourceRecord =>
        'error' in r ? r : { event: r.value, line: r.line };
      if (pending && !header) yield toRecord(pending);
      for await (const r of lines) yield toRecord(r);
    },
    async close() {
      await lines.return(undefined);
      // A file read by readline goes on filling its buffer until it is destroyed.
      if (spec !== '-') (input as { destroy(): void }).destroy();
    },
  };
}

/**
 * Opens a source for reading, by its form (see `sourceKind`). A missing file
 * is a usage error, never created; a store is opened read-only (a SQLite
 * file is not changed, PostgreSQL sees no DDL), so a SELECT-only role can read.
 */
export async function openSource(spec: string, io: CliIo): Promise<Source> {
  const kind = sourceKind(spec);
  if (kind === 'jsonl') return fromJsonl(spec, io);
  const label = kind === 'postgres' ? redactUrl(spec) : spec;
  return fromStore(kind, label, await openStore(spec, io, { readOnly: true }), kind === 'sqlite' ? resolve(io.cwd ?? process.cwd(), spec) : undefined);
}

/**
 * Reads a whole source into memory, calling `onEvent` after each record
 * (progress). A source without a single record is EmptySourceError: an empty
 * log is not evidence that anything verifies.
 */
export async function readAllRecords(source: Source, onEvent?: (count: number) => void, action = 'read'): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of source.records()) {
    out.push(r);
    onEvent?.(out.length);
  }
  if (out.length === 0) throw new EmptySourceError(source.label, action);
  return out;
}
