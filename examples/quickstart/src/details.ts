import { LEVEL_NAMES, maskIdCardNumber, type ApplicationContext, type ExamContext, type ExamPlan, type ExecuteResult, type Level } from '@certflow/core';

const appCtx = (r: ExecuteResult) => r.state.context as ApplicationContext;
const examCtx = (r: ExecuteResult) => r.state.context as ExamContext;

/** A person as the timeline prints them: the 身份证号 masked. */
export const person = (c: { name: string; idNumber: string }) => `${c.name} ${maskIdCardNumber(c.idNumber)}`;

/** The filing receipt: number, organization code, validity, scope. */
export function filingLines(r: ExecuteResult): string[] {
  const c = appCtx(r);
  return [
    `filing receipt ${c.filingNumber}, organization code ${c.organizationCode}`,
    c.validUntil ? `valid ${c.validFrom} – ${c.validUntil}` : `valid from ${c.validFrom} (the notice sets no period)`,
    `scope: ${c.scope.map((s) => `${s.code} levels ${s.levels.join('/')}`).join('; ')}`,
  ];
}

/** An exam plan: date, site, occupation and level, roster (masked), staff. */
export function planLines(plan: ExamPlan): string[] {
  return [
    `exam ${plan.examDate}${plan.examEndDate && plan.examEndDate !== plan.examDate ? `–${plan.examEndDate}` : ''} at ${plan.site.name} (site ${plan.site.sequence}): ${plan.occupation.code} level ${plan.occupation.level} ${LEVEL_NAMES[plan.occupation.level as Level]}`,
    `roster (${plan.roster.length}): ${plan.roster.map(person).join(', ')}`,
    `proctors ${plan.proctors.length}, evaluators ${plan.evaluators.length}, supervisors ${plan.supervisors.length}`,
  ];
}

/** Results: who passed, with scores; ID numbers masked. */
export function resultLines(r: ExecuteResult): string[] {
  const c = examCtx(r);
  const names = new Map(c.plan!.roster.map((p) => [p.idNumber, p.name]));
  return c.results.map((x) => `${x.passed ? 'passed' : 'failed'} ${person({ name: names.get(x.idNumber)!, idNumber: x.idNumber })}${x.score === undefined ? '' : ` (${x.score})`}`);
}

/** The certificates a command issued: numbers and holders. */
export function certificateNumbers(r: ExecuteResult): { number: string; name: string; idNumber: string }[] {
  return (r.events.find((e) => e.type === 'CertificatesIssued')!.data as { certificates: { number: string; name: string; idNumber: string }[] }).certificates;
}

export function certificateLines(r: ExecuteResult): string[] {
  return certificateNumbers(r).map((c) => `certificate ${c.number} → ${person(c)}`);
}
