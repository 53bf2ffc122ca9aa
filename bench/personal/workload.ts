// The worst case of the personal-data benchmarks (bench/personal-data.bench.ts,
// bench/personal-appends.ts): exam events with a roster of 30 new candidates,
// 身份证号 and name each, then their 30 results.
import { idCardCheckCharacter, type NewEvent, type PersonalFieldPath } from '@certflow/core';

export const ROSTER = 30;

export const rosterFields: PersonalFieldPath[] = [
  { path: ['roster', '*', 'idNumber'], kind: 'id-number' },
  { path: ['roster', '*', 'name'], kind: 'name' },
];
export const resultFields: PersonalFieldPath[] = [{ path: ['results', '*', 'idNumber'], kind: 'id-number' }];

let people = 0;
/** A new candidate: a valid 身份证号 (its check character computed) and a name, never given before in this process. */
export const person = () => {
  const n = people++;
  const body = `3701021990${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12000) % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return { idNumber: body + idCardCheckCharacter(body), name: `考生${n}` };
};

export const meta = (i: number): NewEvent['meta'] => ({
  at: '2020-06-11T10:00:00+08:00',
  actor: { id: 'org-1', role: 'applicant' },
  commandId: `c-${i}`,
  correlationId: `c-${i}`,
});

/** The i-th pair of exam events: the plan with its roster, then the results. */
export function examEvents(i: number): { plan: Record<string, unknown>; results: Record<string, unknown> } {
  const roster = Array.from({ length: ROSTER }, person);
  return {
    plan: {
      occupation: { code: '6-18-01-01', level: 4 },
      examDate: '2020-06-22',
      site: { name: '济南考点', sequence: '000001' },
      roster,
      seq: i,
    },
    results: { results: roster.map((c, n) => ({ idNumber: c.idNumber, passed: n % 4 !== 0, score: 60 + (n % 40) })) },
  };
}
