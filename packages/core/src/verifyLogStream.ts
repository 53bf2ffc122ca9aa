import {
  createLogChecker,
  type PersonalCheck,
  type PositionRegistry,
  type StreamHead,
  type VerifyResult,
} from './verifyLog.js';

/**
 * Remembers the global positions seen as ranges of consecutive positions, not
 * one entry per event: a log read in position order (a store's readAll, a
 * JSONL export) is a handful of ranges however long it is (one per gap in
 * the positions). A duplicate is reported as held by "another stream": the
 * check keeps ranges, not the stream of each position (a position repeated
 * within one stream is a position-order problem, found before this).
 */
export function positionRanges(): PositionRegistry & { readonly ranges: number } {
  const starts: number[] = [];
  const ends: number[] = [];
  /** Index of the last range whose start is <= position, or -1. */
  const find = (position: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= position) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at;
  };
  return {
    get ranges() {
      return starts.length;
    },
    claim(position) {
      const last = starts.length - 1;
      if (last < 0 || position > ends[last]!) {
        // the common case: positions ascending
        if (last >= 0 && position === ends[last]! + 1) ends[last] = position;
        else {
          starts.push(position);
          ends.push(position);
        }
        return undefined;
      }
      const i = find(position);
      if (i >= 0 && position <= ends[i]!) return 'another stream';
      const joinsLeft = i >= 0 && ends[i]! + 1 === position;
      const joinsRight = i + 1 < starts.length && starts[i + 1]! - 1 === position;
      if (joinsLeft && joinsRight) {
        ends[i] = ends[i + 1]!;
        starts.splice(i + 1, 1);
        ends.splice(i + 1, 1);
      } else if (joinsLeft) ends[i] = position;
      else if (joinsRight) starts[i + 1] = position;
      else {
        starts.splice(i + 1, 0, position);
        ends.splice(i + 1, 0, position);
      }
      return undefined;
    },
  };
}

/**
 * `verifyLog` for a log read as a stream (an async iterable: a store's
 * readAll, a JSONL file line by line): the same checks, defined once in
 * `createLogChecker`, without holding the events. Memory is bounded by the
 * streams, not the events: one head (version, hash, position) per stream,
 * the broken streams, the problems found, and the positions seen as ranges
 * (one per gap in the positions; a log read out of position order may need
 * more). `onEvent` is called after each event (progress).
 */
export async function verifyLogStream(
  events: AsyncIterable<unknown> | Iterable<unknown>,
  options: {
    heads?: Map<string, StreamHead>;
    onEvent?: (raw: unknown, count: number) => void;
    personal?: PersonalCheck;
  } = {},
): Promise<VerifyResult> {
  const checker = createLogChecker({
    ...(options.heads ? { heads: options.heads } : {}),
    ...(options.personal ? { personal: options.personal } : {}),
    positions: positionRanges(),
  });
  let count = 0;
  for await (const raw of events) {
    checker.check(raw);
    options.onEvent?.(raw, ++count);
  }
  return checker.result();
}
