// The verdicts a worker thread hands back to the main thread (verify's and
// replay's workers alike): the common ones as columns, cheap to hand over,
// the others whole.
import type { EventVerdict } from '@certflow/core';
import type { VerdictColumns } from './parallelVerify.js';

/** Collects verdicts for the main thread: the common ones as columns (cheap to hand over), the others whole. */
export function verdictColumns(): { add(v: EventVerdict): void; result(): VerdictColumns } {
  const streamIds: string[] = [];
  const versions: number[] = [];
  const positions: number[] = [];
  let hashes = '';
  let prevHashes = '';
  const odd: [number, EventVerdict][] = [];
  const HEX64 = /^[0-9a-f]{64}$/;
  const NONE = ' '.repeat(64);
  return {
    add(v) {
      const plain =
        v.schema === undefined &&
        v.canon === undefined &&
        v.recomputed === undefined &&
        v.streamId !== null &&
        v.version !== null &&
        v.position !== null &&
        v.hash !== null &&
        HEX64.test(v.hash) &&
        (v.prevHash === null || HEX64.test(v.prevHash));
      if (!plain) {
        odd.push([streamIds.length, v]);
        streamIds.push('');
        versions.push(0);
        positions.push(0);
        hashes += NONE;
        prevHashes += NONE;
        return;
      }
      streamIds.push(v.streamId!);
      versions.push(v.version!);
      positions.push(v.position!);
      hashes += v.hash;
      prevHashes += v.prevHash ?? NONE;
    },
    result: () => ({
      streamIds,
      versions: Float64Array.from(versions),
      positions: Float64Array.from(positions),
      hashes,
      prevHashes,
      odd,
    }),
  };
}
