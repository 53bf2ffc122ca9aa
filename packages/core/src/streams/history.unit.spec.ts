import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@certflow/core';
import { commandRange, emptyIndex, extendIndex, fromEvents, latestOf, type History } from './history.js';

const event = (version: number, type: string, commandId: string): StoredEvent =>
  ({
    streamId: 's',
    version,
    position: version,
    type,
    data: { v: version },
    meta: {
      at: `2020-06-0${version}T00:00:00Z`,
      actor: { id: 'a', role: 'system' },
      commandId,
      correlationId: commandId,
    },
    prevHash: null,
    hash: 'h',
  }) as StoredEvent;

describe('history index', () => {
  const ids = ['a', 'xa', 'a"\nb', '__proto__', 'a\\n'];
  const events = ids.map((id, i) => event(i + 1, i === 3 ? '__proto__' : `T${i % 2}`, id));

  it('finds exactly the commandIds that ran, before or after the snapshot, whatever they contain', () => {
    for (let cut = 0; cut <= events.length; cut++) {
      const base = extendIndex(fromEvents(events.slice(0, cut)));
      const h: History = { baseVersion: cut, base, tail: events.slice(cut) };
      ids.forEach((id, i) => void expect(commandRange(h, id)).toEqual(i < cut ? 'before' : [i + 1, i + 1]));
      for (const other of ['b', '"a"', 'x', 'a"', 'toString', '']) expect(commandRange(h, other)).toBeUndefined();
    }
  });

  it('keeps the latest event of each type across the cut', () => {
    for (let cut = 0; cut <= events.length; cut++) {
      const h: History = {
        baseVersion: cut,
        base: extendIndex(fromEvents(events.slice(0, cut))),
        tail: events.slice(cut),
      };
      expect(latestOf(h, 'T0')).toEqual({ version: 5, at: events[4]!.meta.at, data: { v: 5 } });
      expect(latestOf(h, 'T1')?.version).toBe(2);
      expect(latestOf(h, '__proto__')?.version).toBe(4);
      expect(latestOf(h, 'constructor')).toBeUndefined();
    }
  });

  it('lists a command that recorded several events once', () => {
    const two = [event(1, 'T0', 'c'), event(2, 'T1', 'c')];
    expect(extendIndex(fromEvents(two)).commandIds).toBe('"c"\n');
    expect(
      extendIndex({ baseVersion: 2, base: extendIndex(fromEvents(two)), tail: [event(3, 'T0', 'c')] }).commandIds,
    ).toBe('"c"\n');
    expect(emptyIndex().commandIds).toBe('');
  });
});
