import { describe, expect, it } from 'vitest';
import { occupationSchema } from '../domain/profile.js';

const occupation = {
  code: '6-18-01-01',
  name: '车工',
  levels: [5, 4],
  standard: 'national',
  accessType: false,
  evaluators: 3,
};
const bank = { theoryQuestions: 1200, theoryPaperSets: 10, practicalPaperSets: 10 };

describe('occupation question bank', () => {
  it('holds a bank for the levels applied for only, not all five', () => {
    expect(occupationSchema.safeParse({ ...occupation, questionBank: { '5': bank, '4': bank } }).success).toBe(true);
  });

  it('refuses an unknown level key and a malformed bank, naming the path', () => {
    const r = occupationSchema.safeParse({
      ...occupation,
      questionBank: { '6': bank, '4': { ...bank, theoryQuestions: -1 } },
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['questionBank.4.theoryQuestions']));
    expect(paths.some((p) => p.startsWith('questionBank'))).toBe(true);
    expect(r.error!.issues.length).toBeGreaterThanOrEqual(2);
  });
});
