import { idCardCheckCharacter, usccCheckCharacter, type ExamPlan } from '@certflow/core';

/** A 统一社会信用代码 from its first 17 characters and the GB 32100-2015 check character. */
export const uscc = (first17: string): string => first17 + usccCheckCharacter(first17);

/** A 身份证号 from its first 17 digits (division, birth date, sequence) and the GB 11643 check character. */
export const idNumber = (first17: string): string => first17 + idCardCheckCharacter(first17);

/**
 * A roster: each person's division code (6 digits), birth date (YYYYMMDD)
 * and name; sequence numbers are given in order, so every number is distinct
 * and carries a valid check character.
 */
export function roster(division: string, people: [name: string, born: string][]): ExamPlan['roster'] {
  return people.map(([name, born], i) => ({
    name,
    idNumber: idNumber(`${division}${born}${String(201 + 2 * i).padStart(3, '0')}`),
  }));
}

/** Staff of an exam session (proctors, evaluators, supervisors). */
export const staff = (prefix: string, names: string[]) => names.map((name, i) => ({ id: `${prefix}-${i + 1}`, name }));
