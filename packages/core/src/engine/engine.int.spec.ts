import { describe, expect, it } from 'vitest';
import {
  ConcurrencyError,
  createEngine,
  memorySnapshotStore,
  memoryStore,
  RuleViolationError,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';
import { centre, org } from './scenario.fixtures.js';

function setup(store: EventStore = memoryStore(), extra: Partial<Parameters<typeof createEngine>[0]> = {}) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({
    store,
    rulePacks: [testRulePack],
    calendar: testCalendar(),
    clock: () => now,
    ...extra,
  });
  return { store, engine, at: (iso: string) => (now = new Date(iso)) };
}
async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}
const submit = (streamId: string, actorId = 'org-1') => ({
  type: 'SubmitApplication' as const,
  streamId,
  commandId: `submit-${streamId}`,
  actor: { id: actorId, role: 'applicant' as const },
  payload: { ...testProfile(), rulePack: 'test-pack' },
});

async function toPublicity(
  engine: ReturnType<typeof setup>['engine'],
  at: ReturnType<typeof setup>['at'],
  streamId: string,
  orgId: string,
) {
  at('2020-06-01T09:00:00+08:00');
  await engine.execute(submit(streamId, orgId));
  await engine.applications.accept({ streamId, actor: centre });
  await engine.applications.startPublicity({ streamId, actor: centre });
}

describe('engine', () => {
  it('is idempotent by commandId: a repeat returns the first result and appends nothing', async () => {
    const { store, engine } = setup();
    const first = await engine.execute(submit('application-i1'));
    const second = await engine.execute(submit('application-i1'));
    expect(second).toEqual(first);
    expect(await all(store)).toHaveLength(1);
  });

  it('time travel: load as of an instant before and after a transition', async () => {
    const { engine, at } = setup();
    await toPublicity(engine, at, 'application-t1', 'org-1');
    at('2020-06-10T15:00:00+08:00');
    await engine.applications.completeFiling({ streamId: 'application-t1', actor: centre });
    expect((await engine.load('application-t1', { at: '2020-06-10T14:59:59+08:00' })).state).toBe('publicity');
    expect((await engine.load('application-t1', { at: new Date('2020-06-10T07:00:00Z') })).state).toBe('filed.active');
    expect((await engine.load('application-t1', { at: '2020-05-01T00:00:00Z' })).state).toBe('draft');
    expect((await engine.load('application-t1')).state).toBe('filed.active');
  });

  it('10 concurrent filings contend for a quota of 2: exactly 2 succeed', async () => {
    const { store, engine, at } = setup();
    const ids = Array.from({ length: 10 }, (_, i) => `application-q${i}`);
    for (const [i, id] of ids.entries()) await toPublicity(engine, at, id, `org-q${i}`);
    at('2020-06-10T10:00:00+08:00');
    const outcomes = await Promise.allSettled(
      ids.map((streamId) => engine.applications.completeFiling({ streamId, actor: centre })),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(ok).toHaveLength(2);
    expect(
      refused.every((r) => r.reason instanceof RuleViolationError && r.reason.findings[0]!.ruleId === 'per-occupation'),
    ).toBe(true);
    const quota = await store.readStream('quota-per-occupation-6-18-01-01');
    const held = new Set<string>();
    for (const e of quota)
      (e.type === 'QuotaPlaceReserved' ? held.add.bind(held) : held.delete.bind(held))(
        (e.data as { holder: string }).holder,
      );
    expect(held.size).toBe(2);
  });

  it('a revoked filing gives its quota place back', async () => {
    const { store, engine, at } = setup();
    for (const [i, id] of ['application-r1', 'application-r2', 'application-r3'].entries())
      await toPublicity(engine, at, id, `org-r${i}`);
    at('2020-06-10T10:00:00+08:00');
    await engine.applications.completeFiling({ streamId: 'application-r1', actor: centre });
    await engine.applications.completeFiling({ streamId: 'application-r2', actor: centre });
    await expect(
      engine.applications.completeFiling({ streamId: 'application-r3', actor: centre }),
    ).rejects.toBeInstanceOf(RuleViolationError);
    await engine.applications.revoke({ streamId: 'application-r1', actor: centre, payload: { reason: '违规' } });
    await engine.applications.completeFiling({ streamId: 'application-r3', actor: centre });
    expect((await store.readStream('quota-per-occupation-6-18-01-01')).map((e) => e.type)).toEqual([
      'QuotaPlaceReserved',
      'QuotaPlaceReserved',
      'QuotaPlaceReleased',
      'QuotaPlaceReserved',
    ]);
  });

  it('retries a conflicting append a bounded number of times, then surfaces ConcurrencyError', async () => {
    const inner = memoryStore();
    let conflicts = 0;
    const flaky: EventStore = {
      ...inner,
      append: async (id, events, o) => {
        if (id.startsWith('application-') && conflicts-- > 0) throw new ConcurrencyError(id, o.expectedVersion, 99);
        return inner.append(id, events, o);
      },
    };
    const { engine } = setup(flaky, { maxRetries: 2 });
    conflicts = 2;
    await expect(engine.execute(submit('application-c1'))).resolves.toMatchObject({ version: 1 });
    conflicts = 3;
    await expect(engine.execute(submit('application-c2'))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await inner.streamVersion('application-c2')).toBe(0);
  });

  it('tick appends missed deadlines and expiry once; deadlines() lists what is due', async () => {
    const { store, engine, at } = setup();
    await engine.execute(submit('application-d1'));
    expect(await engine.deadlines({ now: new Date('2020-06-15T09:00:00+08:00') })).toMatchObject([
      { streamId: 'application-d1', deadlineId: 'acceptance', due: '2020-06-15', status: 'due-today' },
    ]);
    expect(await engine.tick(new Date('2020-06-15T20:00:00+08:00'))).toEqual([]);
    const missed = await engine.tick(new Date('2020-06-16T09:00:00+08:00'));
    expect(missed.map((e) => [e.type, (e.data as { deadlineId: string }).deadlineId, e.meta.actor.role])).toEqual([
      ['DeadlineMissed', 'acceptance', 'system'],
    ]);
    expect(await engine.tick(new Date('2020-06-17T09:00:00+08:00'))).toEqual([]);
    expect((await engine.deadlines({ now: new Date('2020-06-17T09:00:00+08:00') }))[0]).toMatchObject({
      status: 'overdue',
    });

    await toPublicity(engine, at, 'application-d2', 'org-d2');
    at('2020-06-10T10:00:00+08:00');
    await engine.applications.completeFiling({ streamId: 'application-d2', actor: centre });
    expect(await engine.tick(new Date('2023-06-09T23:00:00+08:00'))).toEqual([]);
    const expired = await engine.tick(new Date('2023-06-10T09:00:00+08:00'));
    expect(expired.map((e) => e.type)).toEqual(['FilingExpired']);
    expect((await engine.load('application-d2')).state).toBe('expired');
    expect(await engine.tick(new Date('2023-06-11T09:00:00+08:00'))).toEqual([]);
    expect((await store.readStream('quota-per-occupation-6-18-01-01')).map((e) => e.type)).toEqual([
      'QuotaPlaceReserved',
      'QuotaPlaceReleased',
    ]);
  });

  it('snapshots keep a load to the events since the snapshot and give the same state', async () => {
    const snapshots = memorySnapshotStore();
    const store = memoryStore();
    const { engine } = setup(store, { snapshots, snapshotEvery: 5 });
    const plain = setup(store).engine;
    await engine.execute(submit('application-s1'));
    for (let i = 0; i < 6; i++)
      await engine.applications
        .requestSupplement({ streamId: 'application-s1', actor: centre, payload: { items: [`m${i}`] } })
        .then(() => engine.applications.supplement({ streamId: 'application-s1', actor: org, payload: testProfile() }));
    const first = await engine.load('application-s1');
    expect(snapshots.size).toBe(1);
    const reads: number[] = [];
    const counting = setup(
      {
        ...store,
        readStream: async (id, o) => {
          const r = await store.readStream(id, o);
          reads.push(r.length);
          return r;
        },
      },
      { snapshots },
    ).engine;
    await engine.applications.accept({ streamId: 'application-s1', actor: centre });
    const again = await counting.load('application-s1');
    expect(reads).toEqual([again.version - (await snapshots.get('application-s1'))!.version]);
    expect(reads[0]).toBeLessThan(5);
    expect(again).toEqual(await plain.load('application-s1'));
    expect(first.version + 1).toBe(again.version);
  });
});
