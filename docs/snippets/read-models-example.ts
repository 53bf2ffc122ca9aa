// docs/read-models.md: the three read models on one store.
// #region example
import { createEngine, memoryStore, filingCatalog, certificateRegistry, openDeadlines } from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/fixtures';

const store = memoryStore(); // or sqliteStore({ file }), postgresStore({ connectionString })
const calendar = testCalendar(); // hosts pass createChinaCalendar() from @certflow/calendar
const rulePacks = [testRulePack]; // hosts pass their packs, e.g. @certflow/rulepack-shandong
const now = new Date('2020-06-01T09:00:00+08:00');
const engine = createEngine({ store, rulePacks, calendar, clock: () => now });

const catalog = await filingCatalog(store, { rulePacks });
const registry = await certificateRegistry(store);
const deadlines = await openDeadlines(store, { rulePacks, calendar });

await engine.applications.submit({
  streamId: 'application-a1',
  actor: { id: 'org-1', role: 'applicant' },
  payload: { ...testProfile(), rulePack: 'test-pack' },
});
await deadlines.waitUntilCaughtUp();
console.log(deadlines.list({ now }).map((d) => `${d.streamId} ${d.deadlineId} due ${d.due} (${d.status})`));
// [ 'application-a1 acceptance due 2020-06-15 (open)' ]

await catalog.waitUntilCaughtUp();
console.log(catalog.list()); // [] — submitted, not filed
console.log(registry.lookup('S000137000123205000001')); // undefined — no such certificate

await Promise.all([catalog.stop(), registry.stop(), deadlines.stop()]);
// #endregion example
