import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idCardCheckCharacter } from '../domain/checkDigits.js';
import { personalEventFields } from '../streams/personalFields.js';
import type { NewEvent } from '../event.js';
import { commitPersonalValue, openPersonalCommitment, PERSONAL_SALT_BYTES } from './commitment.js';
import { personal, personalFieldPaths } from './fields.js';
import { maskPersonalValue } from './mask.js';
import {
  checkVaultRows,
  holdsPersonalTokens,
  markPersonalFormat,
  parsePersonalToken,
  personalizePayload,
  personalLookupKey,
  type PersonalVault,
} from './format2.js';

const id17 = '37010219900101123';
const idNumber = id17 + idCardCheckCharacter(id17);

describe('personal-value commitments', () => {
  it('opens for the value and salt it was made from, and for nothing else', () => {
    const c = commitPersonalValue(idNumber);
    expect(c.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(c.salt, 'base64url').length).toBe(PERSONAL_SALT_BYTES);
    expect(openPersonalCommitment(c.commitment, idNumber, c.salt)).toBe(true);
    expect(openPersonalCommitment(c.commitment, idNumber.replace(/1$/, '2'), c.salt)).toBe(false);
    expect(openPersonalCommitment(c.commitment, idNumber, commitPersonalValue(idNumber).salt)).toBe(false);
    expect(openPersonalCommitment('zz', idNumber, c.salt)).toBe(false);
    expect(openPersonalCommitment(c.commitment, idNumber, 'short')).toBe(false);
  });

  it('gives a different commitment for the same value each time (a fresh 128-bit salt)', () => {
    const seen = new Set(Array.from({ length: 50 }, () => commitPersonalValue('张三').commitment));
    expect(seen.size).toBe(50);
  });

  it('is reproducible from the documented recipe with node:crypto alone', () => {
    const salt = Buffer.alloc(16, 7).toString('base64url');
    const c = commitPersonalValue(idNumber, salt);
    const recipe = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from('certflow:personal:v1\u0000'),
          Buffer.alloc(16, 7),
          Buffer.from(JSON.stringify(idNumber)),
        ]),
      )
      .digest('hex');
    expect(c.commitment).toBe(recipe);
  });

  it('reveals nothing to a search over the 身份证号 structure without the salt, where a bare SHA-256 is found', () => {
    // Every valid number born on one day in one district: the search a bare hash falls to.
    const candidates = Array.from({ length: 1000 }, (_, n) => {
      const body = `37010219900101${String(n).padStart(3, '0')}`;
      return body + idCardCheckCharacter(body);
    });
    const bare = createHash('sha256').update(idNumber).digest('hex');
    const c = commitPersonalValue(idNumber);
    const sha = (v: string) => createHash('sha256').update(v).digest('hex');
    expect(candidates.find((v) => sha(v) === bare)).toBe(idNumber);
    expect(candidates.find((v) => sha(v) === c.commitment || sha(JSON.stringify(v)) === c.commitment)).toBeUndefined();
    // With the salt, the same search finds it: the salt is the secret.
    expect(candidates.find((v) => openPersonalCommitment(c.commitment, v, c.salt))).toBe(idNumber);
  });

  it('refuses a salt shorter than 128 bits', () => {
    expect(() => commitPersonalValue('x', Buffer.alloc(8).toString('base64url'))).toThrow(RangeError);
  });
});

describe('personal-field marks', () => {
  it('are found through objects, arrays, optionals and extensions, and change no validation', () => {
    const holder = z.object({
      name: personal(z.string(), 'name'),
      idNumber: personal(z.string().length(18), 'id-number'),
    });
    const schema = z.object({
      a: z.array(holder).optional(),
      b: holder.extend({ x: z.number() }).nullable(),
      c: z.string(),
    });
    expect(personalFieldPaths(schema)).toEqual([
      { path: ['a', '*', 'name'], kind: 'name' },
      { path: ['a', '*', 'idNumber'], kind: 'id-number' },
      { path: ['b', 'name'], kind: 'name' },
      { path: ['b', 'idNumber'], kind: 'id-number' },
    ]);
    expect(holder.safeParse({ name: 'a', idNumber: 'short' }).success).toBe(false);
  });

  it('mark in the event catalogue the roster, results and certificate holders', () => {
    const fields = personalEventFields();
    expect(fields.exam.ExamPlanned).toEqual([
      { path: ['roster', '*', 'idNumber'], kind: 'id-number' },
      { path: ['roster', '*', 'name'], kind: 'name' },
    ]);
    expect(fields.exam.ResultsRecorded).toEqual([{ path: ['results', '*', 'idNumber'], kind: 'id-number' }]);
    expect(fields.exam.CertificatesIssued).toEqual([
      { path: ['certificates', '*', 'idNumber'], kind: 'id-number' },
      { path: ['certificates', '*', 'name'], kind: 'name' },
    ]);
    expect(fields.certificate.CertificateIssued).toEqual([
      { path: ['holder', 'name'], kind: 'name' },
      { path: ['holder', 'idNumber'], kind: 'id-number' },
    ]);
    expect(fields.application).toEqual({});
    expect(fields.quota).toEqual({});
  });
});

describe('masked display forms', () => {
  it('keep 4 + 4 characters of a 身份证号 and the first character of a name', () => {
    expect(maskPersonalValue('id-number', '370102199001011231')).toBe('3701**********1231');
    expect(maskPersonalValue('id-number', '1234')).toBe('****');
    expect(maskPersonalValue('name', '欧阳娜娜')).toBe('欧***');
    expect(maskPersonalValue('name', '张')).toBe('*');
  });
});

describe('vault lookup keys', () => {
  it('are HMAC-SHA-256 under the secret, as node:crypto computes it, for secrets of any length', () => {
    for (const secret of [randomBytes(32), randomBytes(64), randomBytes(100), randomBytes(7)]) {
      for (const [kind, value] of [
        ['id-number', idNumber],
        ['name', '欧阳娜娜'],
        ['name', 'a"\\b'],
      ] as const) {
        const expected = createHmac('sha256', secret)
          .update(`certflow:personal-lookup:v1\u0000${kind}\u0000`)
          .update(JSON.stringify(value), 'utf8')
          .digest('hex');
        expect(personalLookupKey(secret, kind, value)).toBe(expected);
      }
    }
  });
});

describe('vault rows made by personalizePayload', () => {
  const emptyVault = {
    resolve: async (ids: readonly string[]) => new Map(ids.map((id) => [id, { lookup: 'a'.repeat(64), salts: {} }])),
  } as unknown as PersonalVault;
  const fields = [
    { path: ['roster', '*', 'idNumber'], kind: 'id-number' },
    { path: ['roster', '*', 'name'], kind: 'name' },
  ] as const;

  it("pass the stores' check as made, and a copy with another value is refused", async () => {
    const { rows } = await personalizePayload(
      { roster: [{ idNumber, name: '张三' }] },
      fields.map((f) => ({ path: [...f.path], kind: f.kind })),
      emptyVault,
    );
    expect(rows).toHaveLength(2);
    expect(checkVaultRows(rows)).toEqual(rows);
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect(() => checkVaultRows([{ ...rows[1]!, value: '李四' }])).toThrow(/commitment/);
  });

  it('with a subject or lookup key from the vault that no store accepts, are checked like any row', async () => {
    const badVault = (lookup: string, subject?: string) =>
      ({
        resolve: async (ids: readonly string[]) =>
          new Map(ids.map((id) => [id, { lookup, salts: {}, ...(subject ? { subject } : {}) }])),
      }) as unknown as PersonalVault;
    const paths = fields.map((f) => ({ path: [...f.path], kind: f.kind }));
    const payload = { roster: [{ idNumber, name: '张三' }] };
    const badLookup = await personalizePayload(payload, paths, badVault('x'));
    expect(() => checkVaultRows(badLookup.rows)).toThrow(/lookup/);
    const badSubject = await personalizePayload(payload, paths, badVault('a'.repeat(64), 'S'));
    expect(() => checkVaultRows(badSubject.rows)).toThrow(/subject/);
  });

  it('refuse a known salt the vault holds malformed (RangeError), as a commitment to it would', async () => {
    const vault = {
      resolve: async (ids: readonly string[]) =>
        new Map(ids.map((id) => [id, { lookup: 'a'.repeat(64), subject: '1'.repeat(32), salts: { name: 'short' } }])),
    } as unknown as PersonalVault;
    await expect(
      personalizePayload(
        { roster: [{ idNumber, name: '张三' }] },
        fields.map((f) => ({ path: [...f.path], kind: f.kind })),
        vault,
      ),
    ).rejects.toThrow(RangeError);
  });
});

describe('personalizePayload copies', () => {
  const emptyVault = {
    resolve: async (ids: readonly string[]) => new Map(ids.map((id) => [id, { lookup: 'a'.repeat(64), salts: {} }])),
  } as unknown as PersonalVault;
  const id2 = (n: number) => {
    const body = `3701021990010${String(n).padStart(4, '0')}`;
    return body + idCardCheckCharacter(body);
  };

  it('only what it writes: the payload given keeps its values, what holds no personal field is shared', async () => {
    const fields = [
      { path: ['roster', '*', 'idNumber'], kind: 'id-number' },
      { path: ['roster', '*', 'name'], kind: 'name' },
      { path: ['holder', 'idNumber'], kind: 'id-number' },
      { path: ['idNumber'], kind: 'id-number' },
      { path: ['absent', 'name'], kind: 'name' },
    ] as const;
    const payload = {
      site: { name: '济南考点' },
      roster: [
        { idNumber: id2(1), name: '张三', seat: { row: 1 } },
        null,
        { name: '李四' },
        [{ name: '王五' }],
        { seat: 2 },
      ],
      holder: { idNumber: id2(2), photo: { ref: 'p' } },
      idNumber: id2(3),
      tags: ['a'],
    };
    const before = structuredClone(payload);
    const { payload: copy, rows } = await personalizePayload(
      payload,
      fields.map((f) => ({ path: [...f.path], kind: f.kind })),
      emptyVault,
    );
    expect(payload).toEqual(before);
    // Written in the copy only: 身份证号 and name of the first candidate, the name of the third, the holder and the root.
    const tokens = [copy.roster[0]!, copy.roster[2]!] as Record<string, unknown>[];
    expect(
      tokens.map((c) => [parsePersonalToken(c.idNumber) !== undefined, parsePersonalToken(c.name) !== undefined]),
    ).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(parsePersonalToken(copy.holder.idNumber)).toBeDefined();
    expect(parsePersonalToken(copy.idNumber)).toBeDefined();
    expect(rows).toHaveLength(5);
    // Objects on the paths are copies; everything else is the caller's, unchanged.
    expect(copy.roster).not.toBe(payload.roster);
    expect(copy.roster[0]).not.toBe(payload.roster[0]);
    expect(copy.holder).not.toBe(payload.holder);
    expect(copy.site).toBe(payload.site);
    expect(copy.tags).toBe(payload.tags);
    expect(copy.holder.photo).toBe(payload.holder.photo);
    expect((copy.roster[0] as { seat: unknown }).seat).toBe((payload.roster[0] as { seat: unknown }).seat);
    expect(copy.roster[1]).toBeNull();
    expect(copy.roster[3]).toEqual([{ name: '王五' }]);
    expect(copy.roster[4]).toEqual({ seat: 2 });
    expect(copy).not.toHaveProperty('absent');
  });

  it('return the payload itself when no personal field holds a value', async () => {
    const payload = { roster: [{ seat: 1 }], other: { idNumber: id2(4) } };
    const out = await personalizePayload(
      payload,
      [{ path: ['roster', '*', 'idNumber'], kind: 'id-number' }],
      emptyVault,
    );
    expect(out.payload).toBe(payload);
    expect(out.rows).toEqual([]);
  });

  it('tokens wherever they are: holdsPersonalTokens finds one in any field and element, markPersonalFormat marks then only', async () => {
    const fields = [
      { path: ['roster', '*', 'idNumber'], kind: 'id-number' },
      { path: ['certificates', '*', 'holder', 'name'], kind: 'name' },
    ] as const;
    const paths = fields.map((f) => ({ path: [...f.path], kind: f.kind }));
    const { payload } = await personalizePayload(
      { roster: [{ seat: 1 }], certificates: [{ holder: {} }, { holder: { name: '张三' } }] },
      paths,
      emptyVault,
    );
    expect(holdsPersonalTokens(payload, paths)).toBe(true);
    expect(
      holdsPersonalTokens({ roster: [{ idNumber: id2(5) }], certificates: [{ holder: { name: '张三' } }] }, paths),
    ).toBe(false);
    expect(holdsPersonalTokens(payload, [])).toBe(false);
    expect(holdsPersonalTokens(payload, undefined)).toBe(false);
    const meta = {
      at: '2020-06-01T09:00:00+08:00',
      actor: { id: 'a', role: 'system' as const },
      commandId: 'c',
      correlationId: 'c',
    };
    const tokens: NewEvent = { type: 'T', data: payload as NewEvent['data'], meta };
    expect(markPersonalFormat(tokens, paths).meta.format).toBe(2);
    const clear = { type: 'T', data: { roster: [{ idNumber: id2(5) }] }, meta };
    expect(markPersonalFormat(clear, paths)).toBe(clear);
  });
});
