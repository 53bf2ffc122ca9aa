import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, newEventSchema } from './event.js';
import { ValidationError } from './errors.js';
import { toIJson } from './testing/iJson.js';
import { iJsonIssues, isCertainlyNewEvent, jsonIssues, MAX_JSON_DEPTH, validateAppend } from './validateEvents.js';

const good = () => ({
  type: 'ApplicationSubmitted',
  data: { a: 1 },
  meta: {
    at: '2020-06-01T09:00:00+08:00',
    actor: { id: 'org-1', role: ROLES[0] },
    commandId: 'cmd-1',
    correlationId: 'corr-1',
  },
});

/** Values of every kind a field might be given, right and wrong. */
const anyValue = fc.oneof(
  fc.constantFrom(undefined, null, '', 'x', 0, 1, true, [], {}, ['a'], new Date(0), Object.create(null) as object),
  fc.constantFrom('Lone\ud800', '\udc00x', 'Nul\u0000', 'tab\t', '😀 认定', '\u2028'),
  fc.string(),
  fc.constantFrom(...ROLES),
  fc.constantFrom(
    '2020-06-01T09:00:00+08:00',
    '2020-06-01T09:00Z',
    '2020-06-01T09:00:00.123456789-05:30',
    '2020-13-45T25:61:00+08:00', // right shape, not an instant
    '2020-06-01 09:00:00+08:00',
    '2020-06-01T09:00:00',
  ),
);

const mutated = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom<(string | null)[]>(
          [],
          ['type'],
          ['meta'],
          ['meta', 'at'],
          ['meta', 'actor'],
          ['meta', 'actor', 'id'],
          ['meta', 'actor', 'role'],
          ['meta', 'commandId'],
          ['meta', 'correlationId'],
          ['meta', 'rulePack'],
          ['meta', 'rulePack', 'id'],
          ['meta', 'rulePack', 'version'],
          ['meta', 'extra'],
        ),
        anyValue,
      ),
      { maxLength: 4 },
    ),
    fc.boolean(),
  )
  .map(([edits, withPack]) => {
    const e: Record<string, unknown> = good();
    if (withPack) (e.meta as Record<string, unknown>).rulePack = { id: 'shandong', version: '1.0.0' };
    for (const [path, value] of edits) {
      if (path.length === 0) continue;
      let target: unknown = e;
      for (const key of path.slice(0, -1)) {
        const next = (target as Record<string, unknown>)[key!];
        if (typeof next !== 'object' || next === null) {
          target = undefined;
          break;
        }
        target = next;
      }
      if (target !== undefined) (target as Record<string, unknown>)[path[path.length - 1]!] = value;
    }
    return e;
  });

describe('isCertainlyNewEvent', () => {
  it('answers true only for events newEventSchema accepts, on generated and mutated events', () => {
    let fast = 0;
    fc.assert(
      fc.property(mutated, (e) => {
        if (isCertainlyNewEvent(e)) {
          fast++;
          expect(newEventSchema.safeParse(e).success).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    // the fast path is really taken for good events
    expect(fast).toBeGreaterThan(100);
  });

  it('answers true for the ordinary event, with or without a rule pack', () => {
    expect(isCertainlyNewEvent(good())).toBe(true);
    expect(isCertainlyNewEvent({ ...good(), meta: { ...good().meta, rulePack: null } })).toBe(true);
    expect(isCertainlyNewEvent({ ...good(), meta: { ...good().meta, rulePack: { id: 'p', version: '1' } } })).toBe(
      true,
    );
    expect(isCertainlyNewEvent({ ...good(), meta: { ...good().meta, at: '2020-02-30T09:00:00+08:00' } })).toBe(
      newEventSchema.safeParse({ ...good(), meta: { ...good().meta, at: '2020-02-30T09:00:00+08:00' } }).success,
    );
  });
});

describe('validateAppend', () => {
  it('refuses a type no text column can keep exactly, and accepts surrogate pairs', () => {
    for (const type of ['Lone\ud800', 'x\udc00', 'Nul\u0000', 'Line\nbreak']) {
      try {
        validateAppend('exam-1', [{ ...good(), type }]);
        expect.unreachable(type);
      } catch (e) {
        expect((e as ValidationError).issues.map((i) => i.path)).toEqual([['events', 0, 'type']]);
      }
    }
    expect(() => validateAppend('exam-1', [{ ...good(), type: '认定😀 Recorded' }])).not.toThrow();
  });

  it('reports schema issues with their field paths whether or not the fast check applies', () => {
    const bad = good();
    (bad.meta.actor as { role: string }).role = 'nobody';
    try {
      validateAppend('exam-1', [good(), bad]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual([['events', 1, 'meta', 'actor', 'role']]);
    }
    expect(() => validateAppend('exam-1', [good(), good()])).not.toThrow();
  });
});

describe('validateAppend: I-JSON (RFC 7493) for new events', () => {
  const withData = (data: unknown) => ({ ...good(), data });
  const issuesOf = (events: unknown[]) => {
    try {
      validateAppend('application-x', events);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues;
    }
    return [];
  };

  it.each([
    ['an integer beyond 2^53 - 1', { n: 2 ** 53 }, ['events', 0, 'data', 'n']],
    ['a negative integer beyond -(2^53 - 1)', { n: -(2 ** 60) }, ['events', 0, 'data', 'n']],
    ['the largest integer written as plain digits', { n: 999999999999999900000 }, ['events', 0, 'data', 'n']],
    ['a lone surrogate in a string', { s: ['ok', 'x\ud800'] }, ['events', 0, 'data', 's', 1]],
    ['a lone surrogate in a key', { ['k\udc00']: 1 }, ['events', 0, 'data', 'k\udc00']],
    ['a __proto__ key', JSON.parse('{"a":{"__proto__":{"x":1}}}'), ['events', 0, 'data', 'a', '__proto__']],
    // biome-ignore lint/suspicious/noSparseArray: the case is a sparse array
    ['a sparse-array hole', { list: [1, , 3] }, ['events', 0, 'data', 'list']],
    ['NaN', { n: Number.NaN }, ['events', 0, 'data', 'n']],
    ['a Date', { d: new Date(0) }, ['events', 0, 'data', 'd']],
    ['a Map', { m: new Map() }, ['events', 0, 'data', 'm']],
    ['a function', { f: () => 1 }, ['events', 0, 'data', 'f']],
  ])('refuses %s with its field path', (_what, data, path) => {
    const issues = issuesOf([withData(data)]);
    expect(issues.map((i) => i.path)).toContainEqual(path);
    expect(issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
  });

  it(`refuses nesting deeper than MAX_JSON_DEPTH (${MAX_JSON_DEPTH}) without overflowing the stack`, () => {
    const nest = (n: number) => {
      let v: unknown = 0;
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    expect(issuesOf([withData(nest(MAX_JSON_DEPTH))])).toEqual([]);
    expect(issuesOf([withData(nest(MAX_JSON_DEPTH + 1))])).toEqual([expect.objectContaining({ code: 'not_i_json' })]);
    expect(issuesOf([withData(nest(100_000))])).toEqual([expect.objectContaining({ code: 'not_i_json' })]);
  });

  it('holds meta to I-JSON too', () => {
    const e = good();
    (e.meta as Record<string, unknown>).note = 'x\udbff';
    expect(issuesOf([e]).map((i) => i.path)).toContainEqual(['events', 0, 'meta', 'note']);
  });

  it('accepts safe integers, fractions, large non-integers written with exponents, surrogate pairs', () => {
    expect(
      issuesOf([
        withData({
          a: 2 ** 53 - 1,
          b: -(2 ** 53 - 1),
          c: 0.1,
          d: 1.5e-300,
          big: 1e21,
          huge: -1e300,
          e: '😀 认定',
          f: { '😀': [] },
        }),
      ]),
    ).toEqual([]);
  });

  it('iJsonIssues agrees with its fast path on generated values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        // Generated JSON may hold unsafe integers, lone surrogates or __proto__ keys: the slow path must name exactly those.
        const issues = iJsonIssues(v);
        expect(issues.every((i) => i.code === 'not_i_json')).toBe(true);
        expect(iJsonIssues(toIJson(v))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('jsonIssues (how existing logs are read) keeps accepting what I-JSON refuses', () => {
    expect(jsonIssues({ n: 2 ** 60, s: 'x\ud800', __proto__: null })).toEqual([]);
    // biome-ignore lint/suspicious/noSparseArray: the case is a sparse array
    expect(jsonIssues({ list: [1, , 3] })).toEqual([expect.objectContaining({ code: 'not_json', path: ['list'] })]);
  });
});
