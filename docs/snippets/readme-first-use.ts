// #region first-use
import { memoryStore, verifyLog } from '@certflow/core';

const store = memoryStore();
await store.append(
  'application-001',
  [
    {
      type: 'ApplicationSubmitted',
      data: { organization: '济南市某职业培训学校' },
      meta: {
        at: '2020-05-20T09:00:00+08:00',
        actor: { id: 'org-1', role: 'applicant' },
        commandId: 'c1',
        correlationId: 'k1',
      },
    },
  ],
  { expectedVersion: 'no-stream' },
);

const events = [];
for await (const e of store.readAll()) events.push(e);
console.log(verifyLog(events).ok); // true
// #endregion first-use
