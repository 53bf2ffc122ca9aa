import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, computeEventHash, plainEventCanonicalJson, sha256Hex } from './hash.js';
import { createHash } from 'node:crypto';

/** canonicalize 2.1.0 itself: the reference canonicalJson must match byte for byte. */
const reference = (v: unknown): string | undefined =>
  (typeof canonicalize === 'function' ? canonicalize : (canonicalize as { default: typeof canonicalize }).default)(v);

/** Either the same text from both, or both throw. */
function expectSame(value: unknown): void {
  let expected: string | undefined;
  let referenceThrew = false;
  try {
    expected = reference(value);
  } catch {
    referenceThrew = true;
  }
  if (referenceThrew || expected === undefined) {
    expect(() => canonicalJson(value)).toThrow();
  } else {
    expect(canonicalJson(value)).toBe(expected);
  }
}

describe('canonicalJson', () => {
  it('writes RFC 8785 forms: sorted keys by UTF-16 code units, ECMAScript numbers, JSON string escapes', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], '': 0 })).toBe('{"":0,"a":[true,null,"x"],"b":1}');
    // integer-like keys come first in JS property order, but sort as strings
    expect(canonicalJson({ 9: 'nine', 10: 'ten', a: 'a' })).toBe('{"10":"ten","9":"nine","a":"a"}');
    // U+1F600 is \ud83d\ude00 in UTF-16, so it sorts before U+FFFF
    expect(canonicalJson({ '\uffff': 1, '😀': 2 })).toBe('{"😀":2,"\uffff":1}');
    expect(canonicalJson([-0, 1e21, 5e-7, 0.1 + 0.2, 1e-7])).toBe('[0,1e+21,5e-7,0.30000000000000004,1e-7]');
    expect(canonicalJson('\u2028\u0000"\\\ud800')).toBe('"\u2028\\u0000\\"\\\\\\ud800"');
  });

  it('matches canonicalize 2.1.0 on the values it does not write itself', () => {
    // biome-ignore lint/suspicious/noSparseArray: the test is about a sparse array
    const holes = [1, , 2]; // eslint-disable-line no-sparse-arrays
    const unusual: unknown[] = [
      holes,
      [undefined, 1],
      { a: undefined, b: 1 },
      { when: new Date(Date.UTC(2020, 0, 1)) },
      { toJSON: () => ({ z: 1, y: 2 }) },
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      new Map([[1, 2]]),
      { f: () => 1, a: 1 },
      NaN,
      [Infinity],
      undefined,
    ];
    for (const v of unusual) expectSame(v);
  });

  it('matches canonicalize 2.1.0 on arbitrary JSON and on arbitrary values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => expectSame(v)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3, withNullPrototype: true, withDate: true, withSparseArray: true }), (v) =>
        expectSame(v),
      ),
      { numRuns: 500 },
    );
  });

  it('handles nesting deeper than its own writer does (through canonicalize)', () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 100; i++) deep = { [`k${i % 3}`]: deep, z: i };
    expectSame(deep);
  });
});

describe('plainEventCanonicalJson (the event without its hash, written without a copy)', () => {
  it('is the canonical JSON of the event less its hash field, for any plain JSON event', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), fc.option(fc.string()), (fields, hash) => {
        const event: Record<string, unknown> = hash === null ? { ...fields } : { ...fields, hash };
        const { hash: _dropped, ...rest } = event;
        expect(plainEventCanonicalJson(event)).toBe(reference(rest));
        expect(computeEventHash(event as never)).toBe(
          createHash('sha256').update(reference(rest)!, 'utf8').digest('hex'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is undefined for anything but plain JSON, and computeEventHash then hashes what canonicalize writes', () => {
    // biome-ignore lint/suspicious/noSparseArray: the test is about a sparse array
    const holes = [1, , 2]; // eslint-disable-line no-sparse-arrays
    const unusual: unknown[] = [
      { data: holes },
      { data: { a: undefined } },
      { data: new Date(0), hash: 'x' },
      { data: { toJSON: () => 1 } },
      { data: Number.NaN },
      new Map(),
      [1, 2],
      null,
      'text',
    ];
    for (const e of unusual) expect(plainEventCanonicalJson(e)).toBeUndefined();
    const dated = { data: new Date(0), hash: 'x' };
    expect(computeEventHash(dated as never)).toBe(sha256Hex(reference({ data: new Date(0) })!));
  });

  it('sha256Hex is the lowercase hex SHA-256 of the UTF-8 text', () => {
    for (const text of ['', 'abc', '身份证号 \u0000 😀'])
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
