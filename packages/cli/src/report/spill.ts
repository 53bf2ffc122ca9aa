import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@certflow/core';
import { CannotReadError } from '../errors.js';
import { memorySpill, type EventSpill, type SpillFile } from './collect.js';

/** Events held in memory before the spill moves to a temporary file. */
export const SPILL_IN_MEMORY = 10_000;

/** Bytes written to the temporary file at a time. */
const WRITE_BUFFER = 4 * 1024 * 1024;
/** A record's header: the file offset (float64, -1 for none) and byte length (uint32) of the stream's record before it. */
const HEADER = 12;

/**
 * Keeps events in memory while the log is small and moves them to a
 * temporary file (deleted on close) once there are more than `inMemory`: the
 * report's memory then holds one stream's events at a time, however long the
 * log. The file is written once, front to back: each event's JSON after a
 * header naming where the same stream's previous event lies, so a stream's
 * events are read back by following its chain from its last event (one read
 * each), and the spill remembers only each stream's last event (a slot in
 * typed arrays per stream: memory bounded by the streams, not the events).
 */
export async function adaptiveSpill(inMemory = SPILL_IN_MEMORY): Promise<EventSpill> {
  /**
   * Runs a step on the temporary file: what the file system throws (a full
   * disk, a file cut short or removed by another process) is a
   * CannotReadError naming the file, exit code 3, never a raw error.
   */
  const onFile = <T>(action: 'read' | 'write', step: () => T): T => {
    try {
      return step();
    } catch (e) {
      if (e instanceof CannotReadError) throw e;
      throw new CannotReadError(
        `the report's temporary file ${dir ? join(dir, 'spill') : `in ${tmpdir()}`}`,
        (e as Error)?.message ?? String(e),
        {
          action,
          ...(typeof (e as { code?: unknown })?.code === 'string' ? { causeCode: (e as { code: string }).code } : {}),
          cause: e,
        },
      );
    }
  };
  let memory: EventSpill | undefined = memorySpill();
  const held: { e: StoredEvent; json?: string }[] = [];
  let dir: string | undefined;
  let fd: number | undefined;
  let buf = Buffer.allocUnsafe(WRITE_BUFFER);
  let used = 0;
  let flushed = 0;
  const slots = new Map<string, number>();
  let offsets = new Float64Array(1024);
  let lengths = new Uint32Array(1024);
  let read: Buffer = Buffer.allocUnsafe(64 * 1024);
  const flush = () => {
    if (used === 0) return;
    let at = 0;
    onFile('write', () => {
      while (at < used) at += writeSync(fd!, buf, at, used - at, flushed + at);
    });
    flushed += used;
    used = 0;
  };
  const append = (e: StoredEvent, json: string | undefined) => {
    const text = json ?? JSON.stringify(e);
    const most = HEADER + text.length * 3;
    if (used + most > buf.length) {
      flush();
      if (most > buf.length) buf = Buffer.allocUnsafe(most);
    }
    let slot = slots.get(e.streamId);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(e.streamId, slot);
      if (slot >= offsets.length) {
        const o = new Float64Array(offsets.length * 2);
        o.set(offsets);
        offsets = o;
        const l = new Uint32Array(lengths.length * 2);
        l.set(lengths);
        lengths = l;
      }
      offsets[slot] = -1;
    }
    const n = buf.write(text, used + HEADER, 'utf8');
    buf.writeDoubleLE(offsets[slot]!, used);
    buf.writeUInt32LE(lengths[slot]!, used + 8);
    offsets[slot] = flushed + used;
    lengths[slot] = n;
    used += HEADER + n;
  };
  const open = () => {
    onFile('write', () => {
      dir = mkdtempSync(join(tmpdir(), 'certflow-report-'));
      fd = openSync(join(dir, 'spill'), 'w+', 0o600);
    });
    memory?.close();
    memory = undefined;
    for (const h of held.splice(0)) append(h.e, h.json);
  };
  return {
    add(e, json) {
      if (memory) {
        memory.add(e);
        held.push(json === undefined ? { e } : { e, json });
        if (held.length > inMemory) open();
        return;
      }
      append(e, json);
    },
    events(streamId) {
      if (memory) return memory.events(streamId);
      flush();
      const slot = slots.get(streamId);
      if (slot === undefined) return [];
      const r = readSpilledStream(fd!, offsets[slot]!, lengths[slot]!, read, (step) => onFile('read', step));
      read = r.buffer;
      return r.events;
    },
    onDisk() {
      if (memory || dir === undefined) return undefined;
      flush();
      return {
        file: join(dir, 'spill'),
        locate: (streamId) => {
          const slot = slots.get(streamId);
          return slot === undefined ? undefined : [offsets[slot]!, lengths[slot]!];
        },
      } satisfies SpillFile;
    },
    close() {
      memory?.close();
      held.length = 0;
      slots.clear();
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/**
 * A stream's events from a spill's file (`fd`), following the chain back from
 * its last record (`offset`, `length`): in version order. `buffer` is reused
 * for the reads (a larger one is returned when a record needs it); `guard`
 * runs each read (the spill's own turns what the file system throws into a
 * CannotReadError).
 */
export function readSpilledStream(
  fd: number,
  offset: number,
  length: number,
  buffer: Buffer,
  guard: (step: () => void) => void = (step) => step(),
): { events: StoredEvent[]; buffer: Buffer } {
  const out: StoredEvent[] = [];
  let read = buffer;
  let off = offset;
  let len = length;
  while (off >= 0) {
    const size = HEADER + len;
    if (size > read.length) read = Buffer.allocUnsafe(size);
    let got = 0;
    guard(() => {
      while (got < size) {
        const n = readSync(fd, read, got, size - got, off + got);
        if (n === 0) throw new Error(`it ends at byte ${off + got}, before the record written there`);
        got += n;
      }
    });
    out.push(JSON.parse(read.toString('utf8', HEADER, size)) as StoredEvent);
    off = read.readDoubleLE(0);
    len = read.readUInt32LE(8);
  }
  // Read from the last back: put them in the order written, then by version (stable).
  out.reverse();
  return { events: out.sort((a, b) => a.version - b.version), buffer: read };
}
