// docs/engine.md: submitting an application. The profile is the Jinan school
// of the demo (a complete applicant profile as a host collects it).
import { profile } from '../../examples/quickstart/src/stories/shandong.js';

// #region submit
import { createEngine, memoryStore } from '@certflow/core';
import { createChinaCalendar } from '@certflow/calendar';
import shandong from '@certflow/rulepack-shandong';

const engine = createEngine({
  store: memoryStore(),
  rulePacks: [shandong],
  calendar: createChinaCalendar(),
  clock: () => new Date('2020-05-20T10:00:00+08:00'), // omit for the real clock
});
const r = await engine.applications.submit({
  streamId: 'application-jinan-001',
  actor: { id: 'uscc-52370100MJD123451M', role: 'applicant' },
  payload: { ...profile, rulePack: 'shandong' }, // the applicant's facts (ApplicantProfile)
});
// r.decision: { outcome, findings: [{ ruleId, outcome, message, cite }], rulePack: { id, version, hash } }
console.log(r.decision?.outcome, r.decision?.rulePack.id, r.decision?.findings.length); // needs-review shandong …
console.log(r.state.state, r.version); // submitted 1
// #endregion submit
