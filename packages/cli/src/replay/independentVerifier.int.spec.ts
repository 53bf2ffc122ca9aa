// An independent verifier: recomputes every hash of the demo log with a second
// RFC 8785 implementation (json-canonicalize, not the one certflow uses),
// following only the recipe in docs/event-log.md, from the JSONL text an
// auditor receives.
import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { memoryStore, type StoredEvent } from '@certflow/core';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../../../examples/quickstart/src/demo.js';

/** docs/event-log.md, "The hash recipe", steps 1–5. */
function checkByTheDoc(lines: string[]): { checked: number; wrong: string[] } {
  const wrong: string[] = [];
  const last = new Map<string, string>();
  for (const line of lines) {
    const event = JSON.parse(line) as Record<string, unknown>; // 1. the event exactly as stored
    const { hash, ...rest } = event; // 2. remove `hash`, keep everything else
    const canonical = canonicalize(rest); // 3. RFC 8785
    const digest = createHash('sha256').update(Buffer.from(canonical, 'utf8')).digest('hex'); // 4. UTF-8, SHA-256, lowercase hex
    const stream = String(event.streamId);
    if (digest !== hash) wrong.push(`${stream} v${String(event.version)}: hash`); // 5. equals hash
    if ((event.prevHash ?? null) !== (last.get(stream) ?? null))
      wrong.push(`${stream} v${String(event.version)}: prevHash`); //    and chains
    last.set(stream, String(hash));
  }
  return { checked: lines.length, wrong };
}

async function logLines(fill: (store: ReturnType<typeof memoryStore>) => Promise<unknown>): Promise<string[]> {
  const store = memoryStore();
  await fill(store);
  const lines: string[] = [];
  for await (const e of store.readAll()) lines.push(JSON.stringify(e));
  await store.close();
  return lines;
}

describe('a second RFC 8785 implementation, following docs/event-log.md only', () => {
  it('recomputes every hash of the demo log', { timeout: 120_000 }, async () => {
    const lines = await logLines((store) => runDemo(store));
    const r = checkByTheDoc(lines);
    expect(r.checked).toBeGreaterThan(50);
    expect(r.wrong).toEqual([]);
  });

  it('agrees on values where serialisers differ: key order by UTF-16 code units, number forms, escapes, non-BMP text', async () => {
    const meta: StoredEvent['meta'] = {
      at: '2020-06-01T09:00:00+08:00',
      actor: { id: 'a', role: 'system' },
      commandId: 'c',
      correlationId: 'x',
    };
    const data = {
      numbers: [0, -0, 1e21, 1e-7, 0.1 + 0.2, 9007199254740991, -5e-324, 1.7976931348623157e308, 100, 1.5],
      keys: { '😀': 1, '\ufb33': 2, a: 3, A: 4, é: 5, '\u0080': 6, '10': 7, '9': 8 },
      text: ['"quoted" \\ back', 'line\nbreak\ttab\u0001', '\u2028\u2029', '认定 职业技能等级', '𠀋'],
      nested: [[], {}, [null, true, false]],
    };
    const lines = await logLines((store) =>
      store.append(
        'application-jcs',
        [
          { type: 'Tricky', data, meta },
          { type: 'Tricky', data: { again: data }, meta },
        ],
        { expectedVersion: 'no-stream' },
      ),
    );
    expect(checkByTheDoc(lines)).toEqual({ checked: 2, wrong: [] });
  });

  it('notices a changed event (the check is not vacuous)', async () => {
    const lines = await logLines((store) => runDemo(store));
    const e = JSON.parse(lines[3]!);
    e.meta.at = '2020-01-01T00:00:00+08:00';
    lines[3] = JSON.stringify(e);
    expect(checkByTheDoc(lines).wrong).toEqual([`${e.streamId} v${e.version}: hash`]);
  });
});
