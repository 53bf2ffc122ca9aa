import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CertflowError,
  hasTransparency,
  maskPersonalValue,
  personalToken,
  type EventStore,
  type PersonalVaultRow,
  type TransparencyLog,
} from '@certflow/core';
import { CannotReadError, EmptySourceError, SourceNotFoundError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import {
  DISPLAY_LINE_PREFIX,
  isExportHeader,
  isPersonalLine,
  readJsonl,
  type RawJsonlRecord,
  type ExportHeader,
  type JsonlRecord,
} from './jsonl.js';

export type SourceKind = 'jsonl' | 'sqlite' | 'postgres';

/** What a source knows of the personal values of its format-2 events. */
export interface SourcePersonal {
  /** The masked display form of each token it knows (an erased subject's tokens are unknown). */
  display: Map<string, string>;
  /** The vault's rows, when the source carries the values (a store, or an export --with-personal-data). */
  vault?: PersonalVaultRow[];
}

/** Display forms of the tokens the vault rows open. */
export function displayOfRows(rows: readonly PersonalVaultRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows)
    if (typeof r.value === 'string')
      out.set(personalToken(r.subject, r.commitment), maskPersonalValue(r.kind, r.value));
  return out;
}

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
  /**
   * A SQLite file's events in log order as JSON text, a batch at a time,
   * each `JSON.stringify` of what `records()` yields, with data and meta as
   * stored (no object built for them): for an export that writes events
   * verbatim.
   */
  jsonLines?(): AsyncIterable<string[]>;
  /** The Merkle tree a store keeps beside its events (absent for JSONL): answered read-only, never trusted on its own. */
  transparency?: TransparencyLog;
  /** The file a JSONL or SQLite source reads (absent for stdin and PostgreSQL). */
  file?: string;
  /** The share of the source read so far (0..1), when known (a JSONL file: its bytes), for progress. */
  fraction?(): number | undefined;
  /** The store a SQLite or PostgreSQL source reads, opened read-only (to read one stream of it: replay); none for JSONL. */
  store?: EventStore;
  /**
   * The personal data the source carries beside its events: a store's vault,
   * or a format-2 export's certflowPersonal lines (display forms, or vault rows
   * with --with-personal-data). Undefined when it carries none.
   */
  personal?(): Promise<SourcePersonal | undefined>;
  /**
   * After `personal()`: true when the store has a vault this role may not read
   * (PostgreSQL without the vault's separate grant), so its format-2 events'
   * display forms are unknown here.
   */
  personalWithheld?(): boolean;
  /**
   * A format-2 JSONL export: the line the events begin on, after the header
   * and the certflowPersonal lines (a reader in parallel starts there; the
   * lines before hold no event).
   */
  eventsLine?: number;
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
  if (
    e instanceof UsageError ||
    e instanceof SourceNotFoundError ||
    e instanceof CannotReadError ||
    e instanceof EmptySourceError
  )
    return e;
  if (e instanceof CertflowError) {
    if (e.code === 'CORRUPT_STORE' || e.code === 'CLI_MASKED_EXPORT') return e;
    return new CannotReadError(label, e.format(), { action, causeCode: e.code, cause: e });
  }
  const code = (e as { code?: unknown })?.code;
  const message = (e as Error)?.message ?? String(e);
  return new CannotReadError(label, message, {
    action,
    ...(typeof code === 'string' ? { causeCode: code } : {}),
    cause: e,
  });
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

export async function openStore(
  spec: string,
  io: CliIo,
  options: { create?: boolean; readOnly?: boolean; personal?: boolean } = {},
): Promise<EventStore> {
  const kind = sourceKind(spec);
  if (kind === 'jsonl')
    throw new UsageError(`${spec} is a JSONL file, not a store: import into a SQLite file or a postgres:// URL`);
  if (kind === 'postgres') {
    const { connectionString, schema } = pgLocation(spec);
    const { postgresStore } = await import('@certflow/store-postgres');
    try {
      return postgresStore({
        connectionString,
        schema,
        ...(options.readOnly ? { readOnly: true, personal: true } : options.personal ? { personal: true } : {}),
      });
    } catch (e) {
      throw cannotRead(redactUrl(spec), e);
    }
  }
  const file = resolve(io.cwd ?? process.cwd(), spec);
  if (!options.create && !existsSync(file)) throw new SourceNotFoundError(spec);
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UsageError(`${spec} is a directory, not a SQLite file`);
  const { sqliteStore } = await import('@certflow/store-sqlite');
  try {
    // Read-only, the vault is read where the file has one (nothing is created); a store written to
    // gets one only when asked (an import that carries vault rows).
    return sqliteStore({
      file,
      ...(options.readOnly ? { readOnly: true, personal: true } : options.personal ? { personal: true } : {}),
    });
  } catch (e) {
    throw cannotRead(spec, e, options.readOnly ? 'read' : 'write');
  }
}

/**
 * Events a source reads from a SQLite store per query. A batch is held until
 * its last event is read, so its events outlive V8's young generation and are
 * promoted: at 1,000 a batch the old space grew by tens of MB for nothing
 * (verify of a 250,000-event file peaked at 156 MB reading with 1,000 against
 * 98 MB with 100). A query costs microseconds in process, so small batches
 * cost no time.
 */
export const SQLITE_READ_BATCH = 200;
/** Events per query read as JSON text from a SQLite store (strings only, no objects to promote). */
export const SQLITE_JSON_BATCH = 1_000;
/** Events per query from PostgreSQL, where each batch is a round trip. */
export const PG_READ_BATCH = 1_000;

/** A store that reads its events as JSON text (the SQLite store). */
const hasJsonLines = (
  store: EventStore,
): store is EventStore & { readAllJson(options: { batchSize: number }): AsyncIterable<string[]> } =>
  typeof (store as { readAllJson?: unknown }).readAllJson === 'function';

function fromStore(kind: SourceKind, label: string, store: EventStore, file?: string): Source {
  let withheld = false;
  return {
    kind,
    label,
    header: undefined,
    store,
    ...(file ? { file } : {}),
    async *records() {
      try {
        for await (const event of store.readAll({ batchSize: kind === 'postgres' ? PG_READ_BATCH : SQLITE_READ_BATCH }))
          yield { event };
      } catch (e) {
        throw cannotRead(label, e);
      }
    },
    ...(hasJsonLines(store)
      ? {
          async *jsonLines() {
            try {
              yield* store.readAllJson({ batchSize: SQLITE_JSON_BATCH });
            } catch (e) {
              throw cannotRead(label, e);
            }
          },
        }
      : {}),
    ...(hasTransparency(store) ? { transparency: store.transparency } : {}),
    async personal() {
      if (!store.vault) return undefined;
      let rows: PersonalVaultRow[];
      try {
        rows = await store.vault.rows();
      } catch (e) {
        // A role without the vault's grant (the auditor), or a schema without a vault: the events alone.
        const code = (e as { driverCode?: unknown })?.driverCode;
        withheld = code === '42501';
        if (code === '42501' || code === '42P01' || code === '3F000') return undefined;
        throw cannotRead(label, e);
      }
      return { display: displayOfRows(rows), vault: rows };
    },
    personalWithheld: () => withheld,
    close: () => store.close().catch(() => undefined),
  };
}

/** A line kept as text, parsed after all (it was not where display forms go). */
function parsedLine(r: RawJsonlRecord): JsonlRecord {
  try {
    return { line: r.line, value: JSON.parse(r.raw) };
  } catch (e) {
    return { line: r.line, error: `not JSON: ${(e as Error).message}` };
  }
}

async function fromJsonl(spec: string, io: CliIo, options: OpenOptions): Promise<Source> {
  const keepDisplay = options.displayForms !== false;
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
  // Lines of display forms are kept as text (verify never reads them), parsed if a report asks.
  const lines = readJsonl(input, { rawPrefix: DISPLAY_LINE_PREFIX });
  const first = await lines.next();
  let pending: JsonlRecord | RawJsonlRecord | undefined = first.done ? undefined : first.value;
  if (pending && 'raw' in pending) pending = parsedLine(pending);
  const header = pending && 'value' in pending && isExportHeader(pending.value) ? pending.value : undefined;
  // A format-2 export's personal lines follow the header, before the first event. The display
  // forms become a map only when asked for (verify needs the vault rows, never the forms).
  let personal: SourcePersonal | undefined;
  if (header && header.certflowExport.format === 2) {
    pending = undefined;
    const chunks: Record<string, string>[] = [];
    const rawChunks: RawJsonlRecord[] = [];
    const vault: PersonalVaultRow[] = [];
    let any = header.certflowExport.personal !== undefined;
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      const r = next.value;
      if ('raw' in r) {
        any = true;
        if (keepDisplay) rawChunks.push(r); // its bytes, decoded only if the forms are asked for
        continue;
      }
      if (!('value' in r) || !isPersonalLine(r.value)) {
        pending = r;
        break;
      }
      any = true;
      const p = r.value.certflowPersonal;
      if ('display' in p) {
        if (keepDisplay) chunks.push(p.display);
      } else vault.push(p.vault);
    }
    if (any) {
      let display: Map<string, string> | undefined;
      personal = {
        get display() {
          if (!display) {
            display = displayOfRows(vault);
            for (const raw of rawChunks) {
              // A line that is not the JSON it began as gives no forms (they are outside every hash and prove nothing).
              try {
                const value: unknown = JSON.parse(raw.raw);
                if (isPersonalLine(value) && 'display' in value.certflowPersonal)
                  chunks.push(value.certflowPersonal.display);
              } catch {}
            }
            rawChunks.length = 0;
            for (const c of chunks)
              for (const [token, text] of Object.entries(c)) if (typeof text === 'string') display.set(token, text);
          }
          return display;
        },
        ...(vault.length > 0 || header.certflowExport.personal === 'vault' ? { vault } : {}),
      };
    }
  }
  const headerLine = header !== undefined && header.certflowExport.format !== 2;
  const eventsLine = header?.certflowExport.format === 2 && pending ? pending.line : undefined;
  let consumed = false;
  return {
    kind: 'jsonl',
    ...(eventsLine !== undefined ? { eventsLine } : {}),
    label: spec === '-' ? '(stdin)' : spec,
    ...(spec === '-' ? {} : { file: resolve(io.cwd ?? process.cwd(), spec) }),
    header,
    fraction: () =>
      size > 0 && typeof stream.bytesRead === 'number' ? Math.min(1, stream.bytesRead / size) : undefined,
    personal: async () => personal,
    async *records() {
      if (consumed) throw new Error('a JSONL source can be read once');
      consumed = true;
      const toRecord = (line: JsonlRecord | RawJsonlRecord): SourceRecord => {
        const r = 'raw' in line ? parsedLine(line) : line;
        return 'error' in r ? r : { event: r.value, line: r.line };
      };
      if (pending && (!header || !headerLine)) yield toRecord(pending);
      for await (const r of lines) yield toRecord(r);
    },
    async close() {
      await lines.return(undefined);
      // A file read by readline goes on filling its buffer until it is destroyed.
      if (spec !== '-') (input as { destroy(): void }).destroy();
    },
  };
}

export interface OpenOptions {
  /**
   * A format-2 JSONL export's display forms (its certflowPersonal display
   * lines) are kept for `personal().display` (default). False: they are read
   * past and dropped, so a command that never shows them (verify, replay,
   * import, witness) holds none of them in memory, however many the file
   * has; `display` then holds only what a vault in the file gives.
   */
  displayForms?: boolean;
}

/**
 * Opens a source for reading, by its form (see `sourceKind`). A missing file
 * is a usage error, never created; a store is opened read-only (a SQLite
 * file is not changed, PostgreSQL sees no DDL), so a SELECT-only role can read.
 */
export async function openSource(spec: string, io: CliIo, options: OpenOptions = {}): Promise<Source> {
  const kind = sourceKind(spec);
  if (kind === 'jsonl') return fromJsonl(spec, io, options);
  const label = kind === 'postgres' ? redactUrl(spec) : spec;
  return fromStore(
    kind,
    label,
    await openStore(spec, io, { readOnly: true }),
    kind === 'sqlite' ? resolve(io.cwd ?? process.cwd(), spec) : undefined,
  );
}

/**
 * Reads a whole source into memory, calling `onEvent` after each record
 * (progress). A source without a single record is EmptySourceError: an empty
 * log is not evidence that anything verifies.
 */
export async function readAllRecords(
  source: Source,
  onEvent?: (count: number) => void,
  action = 'read',
): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of source.records()) {
    out.push(r);
    onEvent?.(out.length);
  }
  if (out.length === 0) throw new EmptySourceError(source.label, action);
  return out;
}
