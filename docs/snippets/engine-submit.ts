// docs/engine.md: submitting an application. The profile is the Shandong
// pack's example applicant, a Jinan school (a complete ApplicantProfile as a host collects it).
// #region submit
import { createEngine, memoryStore } from '@certflow/core';
import { createChinaCalendar } from '@certflow/calendar';
import shandong, { exampleProfile } from '@certflow/rulepack-shandong';

const engine = createEngine({
  store: memoryStore(),
  rulePacks: [shandong],
  calendar: createChinaCalendar(),
  clock: () => new Date('2020-05-20T10:00:00+08:00'), // omit for the real clock
});
const r = await engine.applications.submit({
  streamId: 'application-jinan-001',
  actor: { id: 'uscc-52370100MJD123451M', role: 'applicant' },
  payload: { ...exampleProfile, rulePack: 'shandong' }, // the applicant's facts (ApplicantProfile)
});
// r.decision: { outcome, findings: [{ ruleId, outcome, message, cite }], rulePack: { id, version, hash } }
console.log(r.decision?.outcome, r.decision?.rulePack.id, r.decision?.findings.length); // needs-review shandong …
console.log(r.state.state, r.version); // submitted 1
// #endregion submit
