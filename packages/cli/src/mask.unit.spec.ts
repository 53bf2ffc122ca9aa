import { describe, expect, it } from 'vitest';
import { maskEvent, maskIdNumbers, maskIdNumbersInText } from './mask.js';
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
});
