import { memoryStore, verifyLog, type EventStore, type StoredEvent } from '@certflow/core';

const meta = (at: string, role: 'applicant' | 'city-center', commandId: string) => ({
  at,
  actor: { id: role === 'applicant' ? 'org-jinan-training' : 'jinan-center', role },
  commandId,
  correlationId: 'quickstart',
});

/** A first, small story: an application's events on a hash-chained log, then verified. */
export async function runStory(store: EventStore = memoryStore()): Promise<{ events: StoredEvent[]; ok: boolean }> {
  await store.append(
    'application-jinan-001',
    [{ type: 'ApplicationSubmitted', data: { organization: '济南市某职业培训学校' }, meta: meta('2020-05-20T09:00:00+08:00', 'applicant', 'c1') }],
    { expectedVersion: 'no-stream' },
  );
  await store.append(
    'application-jinan-001',
    [{ type: 'ApplicationAccepted', data: {}, meta: meta('2020-05-21T10:00:00+08:00', 'city-center', 'c2') }],
    { expectedVersion: 1 },
  );
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return { events, ok: verifyLog(events).ok };
}
