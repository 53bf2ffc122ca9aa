import { describe, expect, it } from 'vitest';
import { StreamIndexTable } from './streamIndex.js';

describe('StreamIndexTable', () => {
  it('reads back what was set, for many streams, in the order first read', () => {
    const t = new StreamIndexTable();
    const n = 5_000; // past the first growth of its arrays
    for (let i = 0; i < n; i++) {
      const id = i % 2 ? `certificate-c${i}` : `exam-e${i}`;
      const at = t.slot(id);
      t.count(at, 1 + (i % 3));
      t.setHead(at, i + 0.5, i % 7 === 0 ? `ODD-${i}` : (i * 2654435761).toString(16).padStart(64, '0').slice(-64));
      if (i % 5 === 0) t.setPack(at, { id: 'p', version: `${i % 2}` });
      if (i % 3 === 0) t.setOrg(at, `org-${i % 10}`);
      if (i % 2) t.setParent(at, `exam-e${i - 1}`);
    }
    expect(t.size).toBe(n);
    const ids = [...t.keys()];
    expect(ids[0]).toBe('exam-e0');
    expect(ids[n - 1]).toBe(`certificate-c${n - 1}`);
    for (const i of [0, 1, 7, 1023, 1024, 4999]) {
      const id = i % 2 ? `certificate-c${i}` : `exam-e${i}`;
      const e = t.get(id)!;
      expect(e.kind).toBe(i % 2 ? 'certificate' : 'exam');
      expect(e.events).toBe(1 + (i % 3));
      expect(e.version).toBe(i + 0.5);
      expect(e.hash).toBe(i % 7 === 0 ? `ODD-${i}` : (i * 2654435761).toString(16).padStart(64, '0').slice(-64));
      expect(e.pack).toEqual(i % 5 === 0 ? { id: 'p', version: `${i % 2}` } : undefined);
      expect(e.org).toBe(i % 3 === 0 ? `org-${i % 10}` : '');
      expect(e.parent).toBe(i % 2 ? `exam-e${i - 1}` : undefined);
      expect(t.kindOf(id)).toBe(e.kind);
      expect(t.parentOf(id)).toBe(e.parent);
    }
  });

  it('a stream seen but with no head reads as version -Infinity and hash "", a head changed reads as the last set', () => {
    const t = new StreamIndexTable();
    const at = t.slot('application-a1');
    expect(t.get('application-a1')).toEqual({
      kind: 'application',
      org: '',
      events: 0,
      version: Number.NEGATIVE_INFINITY,
      hash: '',
    });
    t.setHead(at, 1, 'ODD');
    t.setHead(at, 2, 'a'.repeat(64));
    expect(t.get('application-a1')!.hash).toBe('a'.repeat(64));
    t.setHead(at, 3, 'ODD-AGAIN');
    expect(t.get('application-a1')!.hash).toBe('ODD-AGAIN');
    t.setHead(at, 4, '');
    expect(t.get('application-a1')!.hash).toBe('');
    expect(t.get('nope')).toBeUndefined();
    expect(t.has('nope')).toBe(false);
    expect(t.find('application-a1')).toBe(at);
  });
});
