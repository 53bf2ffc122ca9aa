import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBucket, normalizeBucket, quotaStreamId } from '../streams/quota/places.js';
import { STREAM_ID_PATTERN } from '../event.js';

const quota = { id: 'per-occupation' };

describe('quota bucket keys', () => {
  it('keys made of letters, digits, - and : keep the stream ids they had', () => {
    expect(quotaStreamId(quota, '6-18-01-01')).toBe('quota-per-occupation-6-18-01-01');
    expect(quotaStreamId({ id: 'per-city' }, 'city:370100')).toBe('quota-per-city-city_370100');
    expect(quotaStreamId({ id: 'fz' }, 'occupation:6-18-01-01')).toBe('quota-fz-occupation_6-18-01-01');
  });

  it('encodes every other character losslessly: keys the old scheme merged are apart', () => {
    const keys = [
      '交通运输部',
      '应急管理部',
      '人社部',
      'a_b',
      'a:b',
      'a.b',
      'a b',
      'a/b',
      'a%b',
      'a_3Ab',
      'a.3Ab',
      '𠀀',
      'ü',
      'u\u0308x',
      '__',
      'x\ud800',
      'x\udbff',
      'x\ufffd',
    ];
    const ids = keys.map((k) => quotaStreamId(quota, k));
    expect(new Set(ids).size).toBe(keys.length);
    for (const id of ids) expect(id).toMatch(STREAM_ID_PATTERN);
    expect(encodeBucket('交通运输部')).toBe('.E4.BA.A4.E9.80.9A.E8.BF.90.E8.BE.93.E9.83.A8');
    expect(encodeBucket('a_b')).toBe('a.5Fb');
  });

  it('what the notice treats as the same key is one bucket: surrounding spaces, full-width forms', () => {
    expect(normalizeBucket(' 交通运输部\u3000')).toBe('交通运输部');
    expect(quotaStreamId(quota, '交通运输部 ')).toBe(quotaStreamId(quota, '交通运输部'));
    expect(quotaStreamId(quota, 'ＡＢ１２')).toBe(quotaStreamId(quota, 'AB12'));
    expect(quotaStreamId(quota, 'city：370100')).toBe(quotaStreamId(quota, 'city:370100'));
    expect(quotaStreamId(quota, '交通 运输部')).not.toBe(quotaStreamId(quota, '交通运输部'));
  });

  it('distinct normalised keys never share a stream (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\ud800', '\udfff', '_', '.', ':', ' '),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
        }),
        (a, b) => {
          if (normalizeBucket(a) === normalizeBucket(b)) return quotaStreamId(quota, a) === quotaStreamId(quota, b);
          return quotaStreamId(quota, a) !== quotaStreamId(quota, b);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
