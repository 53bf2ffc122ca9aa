import { describe, expect, it } from 'vitest';
import {
  CorruptStoreError,
  createEngine,
  IdempotencyConflictError,
  memoryStore,
  RuleViolationError,
  StoreUnavailableError,
  ValidationError,
  type Command,
  type EventStore,
  type NewEvent,
  type RulePack,
} from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';
import { uscc } from '../readModels/readModels.fixtures.js';
import { auditor, centre } from './scenario.fixtures.js';

const QUOTA = 'quota-per-occupation-6-18-01-01';

type Fault = 'not-written' | 'lost-reply' | 'raw-lost-reply' | 'raw-before';
/**
 * A memoryStore whose appends fail on demand: `not-written` fails before the
 * write, `lost-reply` writes and then reports `unknown` (the reply was lost),
 * `raw-*` throw what a driver would (a plain Error) instead.
 */
function faultyStore() {
  const inner = memoryStore();
  const faults: Array<{ match: (streamId: string, events: NewEvent[]) => boolean; fault: Fault }> = [];
  let appends = 0;
  const store: EventStore = {
    ...inner,
    async append(streamId, events, options) {
      appends++;
      const at = faults.findIndex((f) => f.match(streamId, events));
      if (at === -1) return inner.append(streamId, events, options);
      const { fault } = faults.splice(at, 1)[0]!;
      if (fault === 'not-written') throw new StoreUnavailableError('append', 'not-written');
      if (fault === 'raw-before')
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      await inner.append(streamId, events, options);
      if (fault === 'lost-reply') throw new StoreUnavailableError('append', 'unknown');
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    },
    readStream: (s, o) => inner.readStream(s, o),
    readAll: (o) => inner.readAll(o),
    streamVersion: (s) => inner.streamVersion(s),
    subscribe: (o) => inner.subscribe(o),
    importEvents: (e) => inner.importEvents(e),
    close: () => inner.close(),
  };
  const failNext = (fault: Fault, match: (streamId: string, events: NewEvent[]) => boolean) =>
    void faults.push({ fault, match });
  return { store, failNext, appends: () => appends };
}

function setup(store: EventStore, pack: RulePack = testRulePack) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [pack], calendar: testCalendar(), clock: () => now });
  const toPublicity = async (streamId: string, orgId: string, profile = testProfile()) => {
    now = new Date('2020-06-01T09:00:00+08:00');
    await engine.execute({
      type: 'SubmitApplication',
      streamId,
      commandId: `submit-${streamId}`,
      actor: { id: orgId, role: 'applicant' },
      payload: { ...profile, rulePack: pack.id },
    });
    await engine.applications.accept({ streamId, actor: centre });
    await engine.applications.startPublicity({ streamId, actor: centre });
    now = new Date('2020-06-10T10:00:00+08:00');
  };
  const filing = (streamId: string): Command => ({
    type: 'CompleteFiling',
    streamId,
    commandId: `file-${streamId}`,
    actor: centre,
    payload: { organizationCode: '0001' },
  });
  const holders = async (quota: string) => {
    const held = new Set<string>();
    for (const e of await store.readStream(quota)) {
      const h = (e.data as { holder: string }).holder;
      if (e.type === 'QuotaPlaceReserved') held.add(h);
      else held.delete(h);
    }
    return [...held].sort();
  };
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );
  return { engine, toPublicity, filing, holders, failure };
}

const isFiling = (streamId: string) => (s: string, events: NewEvent[]) =>
  s === streamId && events.some((e) => e.type === 'FilingCompleted');
const isQuota = (s: string) => s.startsWith('quota-');

describe('quotas under lost replies', () => {
  it('a CompleteFiling whose reply was lost keeps its place; its retry finishes it once and a third filing is refused', async () => {
    const f = faultyStore();
    const t = setup(f.store);
    for (const id of ['a', 'b', 'c']) await t.toPublicity(`application-${id}`, `org-${id}`);
    await t.engine.execute(t.filing('application-a'));
    f.failNext('lost-reply', isFiling('application-b'));
    const lost = await t.failure(t.engine.execute(t.filing('application-b')));
    expect(lost).toBeInstanceOf(StoreUnavailableError);
    expect((lost as StoreUnavailableError).outcome).toBe('unknown');
    expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-b']);

    const retried = await t.engine.execute(t.filing('application-b'));
    expect(retried.state.state).toBe('filed.active');
    expect(retried.events.map((e) => e.type)).toEqual(['FilingCompleted']);
    expect(await t.failure(t.engine.execute(t.filing('application-c')))).toBeInstanceOf(RuleViolationError);
    expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-b']);
    expect((await f.store.readStream('application-b')).filter((e) => e.type === 'FilingCompleted')).toHaveLength(1);
    expect((await f.store.readStream(QUOTA)).map((e) => e.type)).toEqual(['QuotaPlaceReserved', 'QuotaPlaceReserved']);
  });

  it('a raw driver error after the commit is StoreUnavailableError (unknown) with its cause, and keeps the place', async () => {
    const f = faultyStore();
    const t = setup(f.store);
    for (const id of ['a', 'b']) await t.toPublicity(`application-${id}`, `org-${id}`);
    f.failNext('raw-lost-reply', isFiling('application-a'));
    const lost = (await t.failure(t.engine.execute(t.filing('application-a')))) as StoreUnavailableError;
    expect(lost).toBeInstanceOf(StoreUnavailableError);
    expect(lost).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      outcome: 'unknown',
      operation: 'append',
      driverCode: 'ECONNRESET',
    });
    expect((lost.cause as Error).message).toBe('Connection terminated unexpectedly');
    expect(lost.format('zh-CN')).not.toBe(lost.format('en'));
    expect(await t.holders(QUOTA)).toEqual(['application-a']);
    await t.engine.execute(t.filing('application-a'));
    await t.engine.execute(t.filing('application-b'));
    expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-b']);
  });

  it('a lost reply of the place itself: the retry reuses the place and takes no second one', async () => {
    const f = faultyStore();
    const t = setup(f.store);
    await t.toPublicity('application-a', 'org-a');
    f.failNext('lost-reply', isQuota);
    expect(await t.failure(t.engine.execute(t.filing('application-a')))).toMatchObject({ outcome: 'unknown' });
    expect((await f.store.readStream('application-a')).map((e) => e.type)).not.toContain('FilingCompleted');
    await t.engine.execute(t.filing('application-a'));
    expect((await f.store.readStream(QUOTA)).map((e) => e.type)).toEqual(['QuotaPlaceReserved']);
    expect((await t.engine.load('application-a')).state).toBe('filed.active');
  });

  it('a failure certain not to have committed gives the place back (not-written, or a driver error before the write)', async () => {
    for (const fault of ['not-written', 'raw-before'] as const) {
      const f = faultyStore();
      const t = setup(f.store);
      for (const id of ['a', 'b', 'c']) await t.toPublicity(`application-${id}`, `org-${id}`);
      await t.engine.execute(t.filing('application-a'));
      f.failNext(fault, isFiling('application-b'));
      const err = await t.failure(t.engine.execute(t.filing('application-b')));
      expect(err).toBeInstanceOf(StoreUnavailableError);
      // A raw error from a store that does not map its own is taken as 'unknown' (nothing certain); a mapped one says.
      if (fault === 'not-written') {
        expect((err as StoreUnavailableError).outcome).toBe('not-written');
        expect(await t.holders(QUOTA)).toEqual(['application-a']);
        await t.engine.execute(t.filing('application-c'));
        expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-c']);
      } else {
        expect((err as StoreUnavailableError).outcome).toBe('unknown');
        expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-b']);
        await t.engine.execute(t.filing('application-b'));
        expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-b']);
      }
    }
  });

  it('a refused filing whose places cannot be given back says so (StoreUnavailableError); repeating it gives them back', async () => {
    const f = faultyStore();
    const t = setup(f.store);
    const milling = {
      code: '6-18-01-02',
      name: '铣工',
      levels: [5 as const],
      standard: 'national' as const,
      accessType: false,
      evaluators: 3,
    };
    const both = { ...testProfile(), occupations: [milling, ...testProfile().occupations] };
    for (const id of ['a', 'b']) await t.toPublicity(`application-${id}`, `org-${id}`);
    await t.toPublicity('application-c', 'org-c', both);
    await t.engine.execute(t.filing('application-a'));
    await t.engine.execute(t.filing('application-b'));
    // c takes a place for milling, finds turning full, and the release of its milling place fails.
    f.failNext(
      'not-written',
      (s, events) => s === 'quota-per-occupation-6-18-01-02' && events.some((e) => e.type === 'QuotaPlaceReleased'),
    );
    const err = await t.failure(t.engine.execute(t.filing('application-c')));
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(await t.holders('quota-per-occupation-6-18-01-02')).toEqual(['application-c']);
    expect(await t.failure(t.engine.execute(t.filing('application-c')))).toBeInstanceOf(RuleViolationError);
    expect(await t.holders('quota-per-occupation-6-18-01-02')).toEqual([]);
  });

  it('the same CompleteFiling sent twice at once is recorded once and keeps its one place', async () => {
    const store = memoryStore();
    const t = setup(store);
    for (const id of ['a', 'b', 'c']) await t.toPublicity(`application-${id}`, `org-${id}`);
    await t.engine.execute(t.filing('application-a'));
    const [one, two] = await Promise.all([
      t.engine.execute(t.filing('application-b')),
      t.engine.execute(t.filing('application-b')),
    ]);
    expect(one.version).toBe(two.version);
    expect((await store.readStream('application-b')).filter((e) => e.type === 'FilingCompleted')).toHaveLength(1);
    expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-b']);
    expect(await t.failure(t.engine.execute(t.filing('application-c')))).toBeInstanceOf(RuleViolationError);
  });

  it('a RevokeFiling whose reply was lost gives its places back when it is repeated', async () => {
    const f = faultyStore();
    const t = setup(f.store);
    await t.toPublicity('application-a', 'org-a');
    await t.engine.execute(t.filing('application-a'));
    const revoke: Command = {
      type: 'RevokeFiling',
      streamId: 'application-a',
      commandId: 'revoke-a',
      actor: { id: 'shandong-center', role: 'provincial-center' },
      payload: { reason: '弄虚作假' },
    };
    f.failNext('lost-reply', (s, events) => events.some((e) => e.type === 'FilingRevoked'));
    expect(await t.failure(t.engine.execute(revoke))).toMatchObject({ outcome: 'unknown' });
    expect(await t.holders(QUOTA)).toEqual(['application-a']);
    const again = await t.engine.execute(revoke);
    expect(again.state.state).toBe('revoked');
    expect(await t.holders(QUOTA)).toEqual([]);
  });
});

describe('store errors the engine passes on', () => {
  it('a raw error from a read or from a snapshot store is StoreUnavailableError (not-written) with its cause', async () => {
    const inner = memoryStore();
    const broken = new Error('read ECONNRESET');
    const store: EventStore = { ...inner, readStream: () => Promise.reject(broken) };
    const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar() });
    const read = (await engine.load('application-a').then(
      () => undefined,
      (e: unknown) => e,
    )) as StoreUnavailableError;
    expect(read).toBeInstanceOf(StoreUnavailableError);
    expect(read).toMatchObject({ outcome: 'not-written', operation: 'readStream', cause: broken });
    const snapshots = {
      get: () => {
        throw new RangeError('snapshot file damaged');
      },
      set: () => undefined,
    };
    const withSnapshots = createEngine({
      store: inner,
      rulePacks: [testRulePack],
      calendar: testCalendar(),
      snapshots,
    });
    const snap = await withSnapshots.load('application-a').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(snap).toBeInstanceOf(StoreUnavailableError);
    expect(snap).toMatchObject({ outcome: 'not-written', operation: 'snapshots.get' });
  });
});

describe('reused commandIds', () => {
  async function filed() {
    const store = memoryStore();
    const t = setup(store);
    await t.toPublicity('application-a', 'org-a');
    await t.engine.execute(t.filing('application-a'));
    const suspend: Command = {
      type: 'SuspendFiling',
      streamId: 'application-a',
      commandId: 'c-42',
      actor: centre,
      payload: { reason: '抽查' },
    };
    const first = await t.engine.execute(suspend);
    return { store, t, suspend, first };
  }

  it('the same command again is a retry: the first result, nothing appended', async () => {
    const { store, t, suspend, first } = await filed();
    const before = await store.streamVersion('application-a');
    const again = await t.engine.execute({ ...suspend, payload: { reason: '抽查' } });
    expect(again.version).toBe(first.version);
    expect(again.events.map((e) => e.hash)).toEqual(first.events.map((e) => e.hash));
    expect(await store.streamVersion('application-a')).toBe(before);
    expect(first.events[0]!.meta.commandFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      'another type (RevokeFiling reported done after a suspension)',
      (c: Command): Command => ({ ...c, type: 'RevokeFiling', payload: { reason: '抽查' } }),
    ],
    ['another payload', (c: Command): Command => ({ ...c, payload: { reason: '另一原因' } })],
    ['another actor', (c: Command): Command => ({ ...c, actor: { id: 'centre-qingdao', role: 'city-center' } })],
    ['a read-only auditor', (c: Command): Command => ({ ...c, actor: auditor })],
  ])(
    '%s under the same id is an IdempotencyConflictError naming both fingerprints, and appends nothing',
    async (_label, change) => {
      const { store, t, suspend, first } = await filed();
      const before = await store.streamVersion('application-a');
      const err = (await t.failure(t.engine.execute(change(suspend)))) as IdempotencyConflictError;
      expect(err).toBeInstanceOf(IdempotencyConflictError);
      expect(err).toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
        commandId: 'c-42',
        recorded: first.events[0]!.meta.commandFingerprint,
      });
      expect(err.attempted).toMatch(/^[0-9a-f]{64}$/);
      expect(err.attempted).not.toBe(err.recorded);
      expect(await store.streamVersion('application-a')).toBe(before);
      expect((await t.engine.load('application-a')).state).toBe('filed.suspended');
    },
  );

  it('the same id on another stream is an IdempotencyConflictError naming both fingerprints, and appends nothing (no quota place either)', async () => {
    const { store, t, suspend, first } = await filed();
    await t.toPublicity('application-b', 'org-b');
    const before = { b: await store.streamVersion('application-b'), quota: await store.streamVersion(QUOTA) };
    const reusedIds: Command[] = [
      { ...suspend, streamId: 'application-b' },
      { ...t.filing('application-b'), commandId: suspend.commandId },
      // The id is checked before the payload: a reused id is the conflict, whatever else is wrong.
      { ...t.filing('application-b'), commandId: suspend.commandId, payload: { organizationCode: 42 } },
    ];
    for (const reused of reusedIds) {
      const err = (await t.failure(t.engine.execute(reused))) as IdempotencyConflictError;
      expect(err).toBeInstanceOf(IdempotencyConflictError);
      expect(err).toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
        commandId: 'c-42',
        recorded: first.events[0]!.meta.commandFingerprint,
      });
      expect(err.attempted).not.toBe(err.recorded);
      expect(err.format('zh-CN')).toContain('application-a');
    }
    // (Under a fresh id that payload is refused as such.)
    expect(await t.failure(t.engine.execute({ ...reusedIds[2]!, commandId: 'fresh' }))).toBeInstanceOf(ValidationError);
    expect({ b: await store.streamVersion('application-b'), quota: await store.streamVersion(QUOTA) }).toEqual(before);
    expect((await t.engine.load('application-b')).state).toBe('publicity');
    // The original command's retry is still a retry.
    expect((await t.engine.execute(suspend)).version).toBe(first.version);
  });

  it('two engines racing one id on two streams: the store lets one record it; the other is an IdempotencyConflictError and leaves no place', async () => {
    const store = memoryStore();
    const t = setup(store);
    const other = setup(store);
    await t.toPublicity('application-b', 'org-b');
    await other.toPublicity('application-c', 'org-c');
    const [b, c] = await Promise.allSettled([
      t.engine.execute({ ...t.filing('application-b'), commandId: 'shared' }),
      other.engine.execute({ ...t.filing('application-c'), commandId: 'shared' }),
    ]);
    const outcomes = [b, c]
      .map((r) => (r.status === 'fulfilled' ? 'done' : (r.reason as Error).constructor.name))
      .sort();
    expect(outcomes).toEqual(['IdempotencyConflictError', 'done']);
    const winner = b.status === 'fulfilled' ? 'application-b' : 'application-c';
    expect(await t.holders(QUOTA)).toEqual([winner]);
    const recorded = await store.findCommand!('shared');
    expect(recorded?.fingerprint).toBe((await store.readStream(winner)).at(-1)!.meta.commandFingerprint);
  });

  it('events recorded without a fingerprint are compared on their actor and types', async () => {
    const store = memoryStore();
    const t = setup(store);
    await t.toPublicity('application-a', 'org-a');
    await t.engine.execute(t.filing('application-a'));
    // A suspension as an older engine recorded it: no meta.commandFingerprint.
    const version = await store.streamVersion('application-a');
    await store.append(
      'application-a',
      [
        {
          type: 'FilingSuspended',
          data: { reason: '抽查' },
          meta: {
            at: '2020-06-11T10:00:00+08:00',
            actor: centre,
            commandId: 'old-1',
            correlationId: 'old-1',
            rulePack: { id: testRulePack.id, version: testRulePack.version },
          },
        },
      ],
      { expectedVersion: version },
    );
    const suspend: Command = {
      type: 'SuspendFiling',
      streamId: 'application-a',
      commandId: 'old-1',
      actor: centre,
      payload: { reason: '抽查' },
    };
    expect((await t.engine.execute(suspend)).version).toBe(version + 1);
    const revoked = (await t.failure(
      t.engine.execute({ ...suspend, type: 'RevokeFiling' }),
    )) as IdempotencyConflictError;
    expect(revoked).toBeInstanceOf(IdempotencyConflictError);
    expect(revoked.recorded).toBe('unrecorded');
    expect(await t.failure(t.engine.execute({ ...suspend, actor: auditor }))).toBeInstanceOf(IdempotencyConflictError);
    expect(await store.streamVersion('application-a')).toBe(version + 1);
  });
});

describe('quota buckets are data', () => {
  const byDepartment: RulePack = {
    ...testRulePack,
    quotas: [
      { ...testRulePack.quotas[0]!, id: 'two-per-department', buckets: (p) => [`department:${p.organization.name}`] },
    ],
  };
  const deptProfile = (name: string, n: number) =>
    testProfile({ name, uscc: uscc(`52370100MJD${String(n).padStart(6, '0')}`) });

  it('交通运输部 and 应急管理部 have buckets of their own; a trailing space or full-width form is the same department', async () => {
    const store = memoryStore();
    const t = setup(store, byDepartment);
    await t.toPublicity('application-t1', 'org-t1', deptProfile('交通运输部', 1));
    await t.toPublicity('application-t2', 'org-t2', deptProfile('交通运输部', 2));
    await t.toPublicity('application-e1', 'org-e1', deptProfile('应急管理部', 3));
    await t.toPublicity('application-t3', 'org-t3', deptProfile('交通运输部 ', 4));
    await t.toPublicity('application-t4', 'org-t4', deptProfile('交通运输部\u3000', 5));
    await t.engine.execute(t.filing('application-t1'));
    await t.engine.execute(t.filing('application-t2'));
    // The other department's filing is not refused by the first one's places.
    await t.engine.execute(t.filing('application-e1'));
    // A trailing (ideographic) space does not open a fresh bucket.
    expect(await t.failure(t.engine.execute(t.filing('application-t3')))).toBeInstanceOf(RuleViolationError);
    expect(await t.failure(t.engine.execute(t.filing('application-t4')))).toBeInstanceOf(RuleViolationError);
    const quotaStreams = new Set<string>();
    for await (const e of store.readAll()) if (e.streamId.startsWith('quota-')) quotaStreams.add(e.streamId);
    expect([...quotaStreams].sort()).toEqual([
      'quota-two-per-department-department_.E4.BA.A4.E9.80.9A.E8.BF.90.E8.BE.93.E9.83.A8',
      'quota-two-per-department-department_.E5.BA.94.E6.80.A5.E7.AE.A1.E7.90.86.E9.83.A8',
    ]);
    const data = (await store.readStream([...quotaStreams].sort()[0]!)).map(
      (e) => (e.data as { bucket: string }).bucket,
    );
    expect(data).toEqual(['department:交通运输部', 'department:交通运输部']);
  });
});

describe('validation before any append', () => {
  async function filedWithFaultCount() {
    const f = faultyStore();
    const t = setup(f.store);
    await t.toPublicity('application-a', 'org-a');
    await t.engine.execute(t.filing('application-a'));
    return { ...f, t };
  }
  const deep = () => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < 100_000; i++) {
      const next: Record<string, unknown> = {};
      at.next = next;
      at = next;
    }
    return root;
  };
  const cyclic = () => {
    const o: Record<string, unknown> = { add: [] };
    o.self = o;
    return o;
  };

  it.each([
    ['a BigInt', () => ({ add: [], drop: [], note: 10n }), 'not_json'],
    ['a cycle', cyclic, 'not_json'],
    ['deep nesting', () => ({ add: [], extra: deep() }), 'not_i_json'],
    ['an integer beyond 2^53', () => ({ add: [], count: 2 ** 53 }), 'not_i_json'],
    ['a Date', () => ({ add: [], at: new Date() }), 'not_json'],
    ['a lone surrogate', () => ({ add: [], note: 'a\ud800' }), 'not_i_json'],
  ])('an AmendScope carrying %s is a ValidationError before any place is taken', async (_label, payload, code) => {
    const f = await filedWithFaultCount();
    const appends = f.appends();
    const err = (await f.t.failure(
      f.t.engine.execute({
        type: 'AmendScope',
        streamId: 'application-a',
        commandId: 'amend-1',
        actor: centre,
        payload: payload() as never,
      }),
    )) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.code)).toContain(code);
    expect(err.issues[0]!.path[0]).toBe('payload');
    expect(f.appends()).toBe(appends);
  });

  it('execute(null), execute({}), an array and a bad stream id are ValidationErrors; nothing is read or appended', async () => {
    const f = faultyStore();
    const engine = createEngine({ store: f.store, rulePacks: [testRulePack], calendar: testCalendar() });
    for (const raw of [
      null,
      undefined,
      {},
      [],
      'SubmitApplication',
      { type: 'AcceptApplication', streamId: 'nope', commandId: 'x', actor: centre },
    ]) {
      const err = await engine.execute(raw as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(raw)).toBeInstanceOf(ValidationError);
    }
    for (const raw of [null, undefined, 42]) {
      expect(
        await engine.applications.accept(raw as never).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ).toBeInstanceOf(ValidationError);
    }
    expect(f.appends()).toBe(0);
  });

  it("load('nope') is a ValidationError, a stream without events its initial state, a foreign event a CorruptStoreError naming it", async () => {
    const store = memoryStore();
    const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar() });
    expect(
      await engine.load('nope').then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).toBeInstanceOf(ValidationError);
    expect(
      await engine.load('application-x', { at: 'not a date' }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).toBeInstanceOf(ValidationError);
    expect(await engine.load('application-none')).toMatchObject({ version: 0, state: 'draft' });
    const meta = { at: '2020-06-01T09:00:00+08:00', actor: centre, commandId: 'w', correlationId: 'w' };
    await store.append('application-x', [{ type: 'ExamPlanned', data: {}, meta }], { expectedVersion: 'no-stream' });
    const err = (await engine.load('application-x').then(
      () => undefined,
      (e: unknown) => e,
    )) as CorruptStoreError;
    expect(err).toBeInstanceOf(CorruptStoreError);
    expect(err).toMatchObject({ code: 'CORRUPT_STORE', streamId: 'application-x', version: 1 });
    expect(
      await engine.load('application-x', { at: '2021-01-01T00:00:00Z' }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).toBeInstanceOf(CorruptStoreError);
    const accept = await engine.applications.accept({ streamId: 'application-x', actor: centre }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(accept).toBeInstanceOf(CorruptStoreError);
    expect(await store.streamVersion('application-x')).toBe(1);
  });
});
