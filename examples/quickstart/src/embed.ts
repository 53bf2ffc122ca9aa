import { pathToFileURL } from 'node:url';
import { createChinaCalendar } from '@certflow/calendar';
import { createEngine, prettifyError, type Actor } from '@certflow/core';
import { exampleProfile, shandong } from '@certflow/rulepack-shandong';
import { sqliteStore } from '@certflow/store-sqlite';

/**
 * certflow inside a host system: one SQLite file, the packs the host uses,
 * the China working-day calendar. Submits an application, prints the
 * screening with its citations, shows a refusal, reads the state back.
 */
export async function embed(file: string, print: (line: string) => void = console.log) {
  const store = sqliteStore({ file });
  const engine = createEngine({
    store,
    rulePacks: [shandong],
    calendar: createChinaCalendar(),
    clock: () => new Date('2020-05-20T10:00:00+08:00'), // omit for the real clock
  });
  const school: Actor = { id: 'org-jinan-0001', role: 'applicant' };
  const centre: Actor = { id: 'osta-jinan', role: 'city-center' };
  try {
    const submitted = await engine.applications.submit({
      streamId: 'application-jinan-0001',
      actor: school,
      payload: { ...exampleProfile, rulePack: 'shandong' }, // the applicant profile a host collects (ApplicantProfile)
    });
    const decision = submitted.decision!;
    print(`screening: ${decision.outcome}`);
    for (const f of decision.findings.filter((x) => x.outcome === 'fail' || x.outcome === 'review')) {
      print(`  ${f.outcome} ${f.ruleId}: ${f.cite.document} ${f.cite.clause}「${f.cite.text}」`);
    }

    // An organization never decides on its own application: ForbiddenError, nothing recorded.
    const refusal = await engine.applications
      .accept({ streamId: 'application-jinan-0001', actor: school })
      .catch((err: unknown) => err);
    print(prettifyError(refusal));

    await engine.applications.accept({ streamId: 'application-jinan-0001', actor: centre });
    const state = await engine.load('application-jinan-0001');
    print(`state: ${state.state} after ${state.version} events`);
    return { decision, refusal, state };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await embed(process.argv[2] ?? '.certflow/embed.sqlite');
