import {
  LEVEL_NAMES,
  maskIdCardNumber,
  maskPersonalValue,
  parsePersonalToken,
  personalToken,
  type EventStore,
  type ApplicationContext,
  type ExamContext,
  type ExamPlan,
  type ExecuteResult,
  type Level,
} from '@certflow/core';

const appCtx = (r: ExecuteResult) => r.state.context as ApplicationContext;
const examCtx = (r: ExecuteResult) => r.state.context as ExamContext;

// The masked display forms of format-2 tokens (events written to a store with a personal-data vault
// hold a token for each 身份证号 and name), refreshed from the vault after each command.
let display = new Map<string, string>();
const nameOf = new Map<string, string>();

/** Reads the masked display forms of every token from the store's vault (a store without one: none needed). */
export async function refreshDisplay(store: EventStore): Promise<void> {
  if (!store.vault) return;
  const rows = await store.vault.rows();
  display = new Map(
    rows.map((r) => [personalToken(r.subject, r.commitment), maskPersonalValue(r.kind, String(r.value))]),
  );
  // Names in full, as the timeline prints them: the demo's candidates are fictitious (a host shows display forms only).
  for (const r of rows) if (r.kind === 'name') nameOf.set(personalToken(r.subject, r.commitment), String(r.value));
}

const shown = (value: string, masked: (v: string) => string) =>
  parsePersonalToken(value) ? (display.get(value) ?? '***') : masked(value);

/** A person as the timeline prints them: the 身份证号 masked. */
export const person = (c: { name: string; idNumber: string }) =>
  `${parsePersonalToken(c.name) ? shownName(c.name) : c.name} ${shown(c.idNumber, maskIdCardNumber)}`;
const shownName = (token: string) => nameOf.get(token) ?? display.get(token) ?? '***';

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
  return c.results.map(
    (x) =>
      `${x.passed ? 'passed' : 'failed'} ${person({ name: names.get(x.idNumber)!, idNumber: x.idNumber })}${x.score === undefined ? '' : ` (${x.score})`}`,
  );
}

/** The certificates a command issued: numbers and holders. */
export function certificateNumbers(r: ExecuteResult): { number: string; name: string; idNumber: string }[] {
  return (
    r.events.find((e) => e.type === 'CertificatesIssued')!.data as {
      certificates: { number: string; name: string; idNumber: string }[];
    }
  ).certificates;
}

export function certificateLines(r: ExecuteResult): string[] {
  return certificateNumbers(r).map((c) => `certificate ${c.number} → ${person(c)}`);
}
