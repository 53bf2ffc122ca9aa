import { describe, expect, it } from 'vitest';
import { maskEvent, maskIdNumbers, maskIdNumbersInText, mayHoldIdNumber } from './mask.js';
import { ID_1, ID_2, mask } from './testFixtures.js';

describe('maskIdNumbers', () => {
  it('masks a valid 身份证号 as 3701**********1231', () => {
    expect(maskIdNumbersInText(ID_1)).toBe(mask(ID_1));
    expect(mask(ID_1)).toMatch(/^3701\*{10}\d{3}[\dX]$/);
  });

  it('masks ID numbers inside longer text, keys and nested arrays', () => {
    const out = maskIdNumbers({ note: `证件 ${ID_1}，复核 ${ID_2}`, list: [[ID_2]], byId: { [ID_1]: 1 } });
    expect(out).toEqual({
      note: `证件 ${mask(ID_1)}，复核 ${mask(ID_2)}`,
      list: [[mask(ID_2)]],
      byId: { [mask(ID_1)]: 1 },
    });
  });

  it('leaves 18-digit strings with a wrong check digit, hashes and longer numbers alone', () => {
    const wrongCheck = ID_1.slice(0, 17) + (ID_1[17] === '0' ? '1' : '0');
    const hash = 'a'.repeat(10) + ID_1 + 'b'.repeat(36);
    expect(maskIdNumbersInText(wrongCheck)).toBe(wrongCheck);
    expect(maskIdNumbersInText(hash)).toBe(hash);
    expect(maskIdNumbersInText(`9${ID_1}`)).toBe(`9${ID_1}`);
    expect(maskIdNumbers(12345)).toBe(12345);
  });

  it('masks data and meta of an event but keeps its envelope', () => {
    const event = {
      streamId: 'exam-1',
      version: 1,
      hash: 'h',
      prevHash: null,
      data: { id: ID_1 },
      meta: { actor: { id: ID_2, role: 'expert' } },
    };
    const out = maskEvent(event);
    expect(out).toEqual({ ...event, data: { id: mask(ID_1) }, meta: { actor: { id: mask(ID_2), role: 'expert' } } });
    expect(event.data.id).toBe(ID_1);
  });

  it('returns an event with no 身份证号 as it is, and a changed one as a copy (export counts the lines that no longer verify)', () => {
    const plain = {
      streamId: 'application-1',
      data: { items: [{ n: 'a' }], note: '12345678901234567' },
      meta: { at: 'x' },
    };
    expect(maskEvent(plain)).toBe(plain);
    const nested = { data: { roster: [{ id: 'none' }, { id: ID_1 }] }, meta: {} };
    const masked = maskEvent(nested);
    expect(masked).not.toBe(nested);
    expect(masked.data.roster[0]).toBe(nested.data.roster[0]);
    expect(masked.data.roster[1]).toEqual({ id: mask(ID_1) });
  });
});

describe('mayHoldIdNumber', () => {
  it('is true wherever masking would change a value, and masking leaves every value it calls false as it is', () => {
    const id = ID_1;
    const holding: unknown[] = [
      id,
      `持证人 ${id} 已核验`,
      { holder: { idNumber: id } },
      [{ a: 1 }, [`编号${id}`]],
      { [id]: { passed: true } },
    ];
    for (const v of holding) {
      expect(mayHoldIdNumber(v)).toBe(true);
      expect(maskIdNumbers(v)).not.toEqual(v);
    }
    const none: unknown[] = [
      'no id here',
      '12345678901234567',
      { n: 1e17, hash: 'ab'.repeat(32), list: ['a', 1, null, true] },
      [],
      null,
      42,
    ];
    for (const v of none) {
      expect(mayHoldIdNumber(v)).toBe(false);
      expect(maskIdNumbers(v)).toBe(v);
    }
  });
});
