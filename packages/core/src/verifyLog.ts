import { storedEventSchema, type StoredEvent } from './event.js';
import { computeEventHash } from './hash.js';
import { jsonIssues } from './validateEvents.js';

export type LogProblemKind =
  | 'schema' // the envelope is malformed
  | 'hash-mismatch' // the event's content no longer matches its hash (changed data, meta, …)
  | 'chain-broken' // prevHash does not match the previous event's hash (deleted, inserted or replaced events)
  | 'version-gap' // a version is missing (deleted events)
  | 'version-order' // a version repeats or goes backwards (inserted or reordered events)
  | 'position-order' // a position does not increase within a stream (reordered or rewritten positions)
  | 'duplicate-position'; // two events claim one global position

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

/**
 * One pass over a log, event by event: the per-event checks of `verifyLog`
 * and `verifyLogStream`, defined once. It keeps per-stream state only (the
 * head of each stream, whether it broke) plus whatever the position registry keeps.
 */
export interface LogChecker {
  check(raw: unknown): void;
  /** Each stream's verified head so far. */
  readonly heads: ReadonlyMap<string, StreamHead>;
  /** The streams found broken so far (nothing after their first broken event is checked). */
  readonly broken: ReadonlySet<string>;
  result(): VerifyResult;
}

export function createLogChecker(options: { heads?: Map<string, StreamHead>; positions?: PositionRegistry } = {}): LogChecker {
  const heads = new Map<string, StreamHead>(options.heads ?? []);
  const broken = new Set<string>();
  const positions = options.positions ?? positionMap();
  const problems: LogProblem[] = [];
  const streamIds = new Set<string>();
  let count = 0;

  const check = (raw: unknown): void => {
    count++;
    const rawStream = (raw as { streamId?: unknown })?.streamId;
    const streamId = typeof rawStream === 'string' ? rawStream : '(unknown stream)';
    streamIds.add(streamId);
    if (broken.has(streamId)) return;
    const report = (kind: LogProblemKind, detail: string) => {
      const r = raw as { version?: unknown; position?: unknown };
      problems.push({
        streamId,
        version: typeof r?.version === 'number' ? r.version : null,
        position: typeof r?.position === 'number' ? r.position : null,
        kind,
        detail,
      });
      broken.add(streamId);
    };

    const parsed = storedEventSchema.safeParse(raw);
    if (!parsed.success) {
      report('schema', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
      return;
    }
    const nonJson = jsonIssues((raw as StoredEvent).data, ['data']);
    if (nonJson.length > 0) {
      report('schema', nonJson.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    const event = raw as StoredEvent;
    const head = heads.get(streamId) ?? { version: 0, hash: null };

    if (event.version !== head.version + 1) {
      report(
        event.version > head.version + 1 ? 'version-gap' : 'version-order',
        `expected version ${head.version + 1} after ${head.version}, found ${event.version}`,
      );
      return;
    }
    let recomputed: string;
    try {
      recomputed = computeEventHash(event);
    } catch (e) {
      // Only a value too deep for a recursive serialiser gets here (RangeError).
      report('schema', `the event cannot be canonicalized: ${(e as Error)?.message ?? String(e)}`);
      return;
    }
    if (recomputed !== event.hash) {
      report('hash-mismatch', `stored hash ${event.hash} but the content hashes to ${recomputed}`);
      return;
    }
    if (event.prevHash !== head.hash) {
      report('chain-broken', `prevHash ${event.prevHash} does not match the previous event's hash ${head.hash}`);
      return;
    }
    if (head.position !== undefined && !(event.position > head.position)) {
      report('position-order', `position ${event.position} does not follow position ${head.position} of version ${head.version}`);
      return;
    }
    const other = positions.claim(event.position, streamId);
    if (other !== undefined) {
      report('duplicate-position', `position ${event.position} is also held by an event of ${other}`);
      return;
    }
    heads.set(streamId, { version: event.version, hash: event.hash, position: event.position });
  };
  return {
    check,
    heads,
    broken,
    result: () => ({ ok: problems.length === 0, problems, streams: streamIds.size, events: count }),
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
export function verifyLog(events: Iterable<unknown>, options: { heads?: Map<string, StreamHead> } = {}): VerifyResult {
  const checker = createLogChecker(options);
  for (const raw of events) checker.check(raw);
  return checker.result();
}
