// packages/core/README.md (src/engine/readme.int.spec.ts runs the README's copy as well)
// #region example
import { createEngine, memoryStore } from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/fixtures';

// Hosts pass createChinaCalendar() from @certflow/calendar and their region's pack.
let now = new Date('2020-06-01T09:00:00+08:00');
const engine = createEngine({
  store: memoryStore(),
  rulePacks: [testRulePack],
  calendar: testCalendar(),
  clock: () => now,
});
const org = { id: 'org-1', role: 'applicant' as const };
const centre = { id: 'jinan-centre', role: 'city-center' as const };

const submitted = await engine.applications.submit({
  streamId: 'application-1',
  actor: org,
  payload: { ...testProfile(), rulePack: 'test-pack' },
});
console.log(submitted.decision?.outcome); // eligible
await engine.applications.accept({ streamId: 'application-1', actor: centre });
now = new Date('2020-06-03T09:00:00+08:00');
await engine.applications.startPublicity({ streamId: 'application-1', actor: centre });
now = new Date('2020-06-10T09:00:00+08:00'); // 公示 of at least 5 working days
const filed = await engine.applications.completeFiling({ streamId: 'application-1', actor: centre });
const { state, context } = filed.state; // typed as the application's context
console.log(state, context.validUntil); // filed.active 2023-06-09
console.log((await engine.load('application-1', { at: '2020-06-05T00:00:00+08:00' })).state); // publicity
// #endregion example
