import { describe, expect, it } from 'vitest';
import {
  CertificateRegistry,
  FilingCatalog,
  OpenDeadlines,
  certificateRegistry,
  certificateRegistryProjection,
  filingCatalogProjection,
  memoryStore,
  openDeadlinesProjection,
  project,
  type Projection,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testRoster, testRulePack } from '@certflow/core/testing';
import { CENTRE, ORG1, fileOrganization, runStory, storyEngine } from './readModels.fixtures.js';

async function all(store: { readAll(): AsyncIterable<StoredEvent> }): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

const ctx = { rulePacks: [testRulePack], calendar: testCalendar() };

describe('filing catalog', () => {
  it('publishes filed organizations with their status, following suspension, reinstatement and revocation live', async () => {
    const store = memoryStore();
    const catalog = new FilingCatalog(store, { rulePacks: [testRulePack] });
    await catalog.start();
    const s = storyEngine(store);
    await fileOrganization(s, 'application-a1', ORG1);
    await catalog.waitUntilCaughtUp();
    expect(catalog.list()).toEqual([
      {
        streamId: 'application-a1',
        organizationName: '某职业技能培训评价中心',
        uscc: '52370100MJD123451M',
        registeredIn: '370100',
        organizationCode: '0001',
        filingNumber: '370000-a1',
        occupations: [{ code: '6-18-01-01', name: '车工', levels: [4, 5] }],
        validFrom: '2020-06-10',
        validUntil: '2023-06-09',
        status: 'active',
        statusSince: '2020-06-10',
        statusReason: null,
        rulePack: { id: 'test-pack', version: '1.0.0' },
        jurisdiction: { name: '山东', code: '370000', level: 'province' },
      },
    ]);

    s.at('2020-07-01T09:00:00+08:00');
    await s.engine.applications.suspend({
      streamId: 'application-a1',
      actor: CENTRE,
      payload: { reason: '质量督导发现问题' },
    });
    await catalog.waitUntilCaughtUp();
    expect(catalog.get('application-a1')).toMatchObject({
      status: 'suspended',
      statusSince: '2020-07-01',
      statusReason: '质量督导发现问题',
    });
    expect(catalog.list({ status: 'active' })).toEqual([]);

    s.at('2020-07-06T09:00:00+08:00');
    await s.engine.applications.reinstate({ streamId: 'application-a1', actor: CENTRE });
    await catalog.waitUntilCaughtUp();
    expect(catalog.get('application-a1')).toMatchObject({
      status: 'active',
      statusSince: '2020-07-06',
      statusReason: null,
    });
    await catalog.stop();
  });

  it('lists only filings, answers by USCC, filing number, occupation and status, and follows scope amendments and expiry', async () => {
    const store = memoryStore();
    const s = storyEngine(store);
    await runStory(s);
    const catalog = new FilingCatalog(store, { rulePacks: [testRulePack] });
    await catalog.waitUntilCaughtUp();
    expect(catalog.list().map((e) => [e.streamId, e.status])).toEqual([
      ['application-a1', 'active'],
      ['application-a2', 'revoked'],
    ]);
    expect(catalog.get('application-a3')).toBeUndefined();
    expect(catalog.get('application-a2')).toMatchObject({
      organizationName: '某市职业技能鉴定协会',
      organizationCode: '0002',
      statusReason: '弄虚作假',
      statusSince: '2020-07-06',
    });
    expect(catalog.byUscc('52370100MJD123451M').map((e) => e.streamId)).toEqual(['application-a1']);
    expect(catalog.byFilingNumber('370000-a2')?.streamId).toBe('application-a2');
    expect(
      catalog.list({ occupation: '6-18-01-01', level: 4, status: ['active', 'suspended'] }).map((e) => e.streamId),
    ).toEqual(['application-a1']);
    expect(catalog.list({ occupation: '6-18-01-01', level: 3 })).toEqual([]);
    expect(catalog.list({ jurisdiction: '370000', name: '协会' }).map((e) => e.streamId)).toEqual(['application-a2']);

    s.at('2020-07-08T09:00:00+08:00');
    await s.engine.applications.amendScope({
      streamId: 'application-a1',
      actor: CENTRE,
      payload: {
        add: [
          { code: '6-18-01-03', name: '铣工', levels: [5], standard: 'national', accessType: false, evaluators: 3 },
        ],
        drop: [{ code: '6-18-01-01', levels: [4] }],
      },
    });
    await catalog.waitUntilCaughtUp();
    expect(catalog.get('application-a1')!.occupations).toEqual([
      { code: '6-18-01-01', name: '车工', levels: [5] },
      { code: '6-18-01-03', name: '铣工', levels: [5] },
    ]);
    expect((await s.engine.load('application-a1')).context).toMatchObject({
      scope: catalog.get('application-a1')!.occupations.map(({ code, levels }) => ({ code, levels })),
    });

    await s.engine.tick(new Date('2023-06-12T09:00:00+08:00'));
    await catalog.waitUntilCaughtUp();
    expect(catalog.get('application-a1')).toMatchObject({ status: 'expired', statusSince: '2023-06-12' });
    await catalog.stop();
  });
});

describe('certificate registry', () => {
  it('answers the free public query by number, name and 身份证号, and reveals nothing on a mismatch', async () => {
    const store = memoryStore();
    const s = storyEngine(store);
    const { numbers } = await runStory(s);
    const registry = await certificateRegistry(store);
    const [first, second] = testRoster().filter((_, i) => i !== 1);
    expect(registry.verifyPublic({ number: numbers[0]!, name: first!.name, idNumber: first!.idNumber })).toEqual({
      status: 'valid',
      number: numbers[0],
      occupation: { code: '6-18-01-01', name: '车工', level: 5, levelName: '初级工' },
      organization: { name: '某职业技能培训评价中心', code: '0001' },
      issuedOn: '2020-06-30',
      revokedOn: null,
    });
    // Spaces, case and full-width forms are forgiven, as a person types them.
    expect(
      registry.verifyPublic({
        number: ` ${numbers[1]!.toLowerCase()}`,
        name: ` ${second!.name} `,
        idNumber: second!.idNumber.toLowerCase(),
      }),
    ).toMatchObject({ status: 'revoked', revokedOn: '2020-07-07' });
    // Another holder's name or number, a wrong 身份证号, an unknown number, bad input: not found, nothing else.
    for (const q of [
      { number: numbers[0]!, name: second!.name, idNumber: first!.idNumber },
      { number: numbers[0]!, name: first!.name, idNumber: second!.idNumber },
      { number: 'S000137000123205000099', name: first!.name, idNumber: first!.idNumber },
      null,
      { number: numbers[0]! },
    ]) {
      expect(registry.verifyPublic(q as never)).toEqual({ status: 'not-found' });
    }
    await registry.stop();
  });

  it('answers the public query by number with the masked 身份证号, and shows a revocation', async () => {
    const store = memoryStore();
    const registry = new CertificateRegistry(store);
    await registry.start();
    const s = storyEngine(store);
    const { numbers } = await runStory(s);
    await registry.waitUntilCaughtUp();
    const roster = testRoster();
    expect(registry.lookup(numbers[0]!)).toEqual({
      number: numbers[0],
      holderName: '考生1',
      idNumberMasked: `${roster[0]!.idNumber.slice(0, 4)}**********${roster[0]!.idNumber.slice(-4)}`,
      occupation: { code: '6-18-01-01', name: '车工', level: 5, levelName: '初级工' },
      issuer: {
        organizationName: '某职业技能培训评价中心',
        organizationCode: '0001',
        filingStreamId: 'application-a1',
      },
      issuedOn: '2020-06-30',
      status: 'valid',
      revokedOn: null,
      revocationReason: null,
      examStreamId: 'exam-e1',
      rulePack: { id: 'test-pack', version: '1.0.0' },
      holderMatch: {
        commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
        salt: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
      },
    });
    expect(registry.lookup(` ${numbers[1]!.toLowerCase()} `)).toMatchObject({
      holderName: '考生3',
      status: 'revoked',
      revokedOn: '2020-07-07',
      revocationReason: '考试作弊',
    });
    expect(registry.lookup('S000137000123205000099')).toBeUndefined();
    expect(registry.list({ status: 'valid' }).map((c) => c.number)).toEqual([numbers[0]]);
    expect(registry.list({ filingStreamId: 'application-a1' })).toHaveLength(2);
    // No full 身份证号 anywhere in the registry's state.
    const json = JSON.stringify(registry.state);
    for (const c of roster) expect(json).not.toContain(c.idNumber);
    await registry.stop();
  });
});

describe('open deadlines', () => {
  it('lists exactly what engine.deadlines lists at every instant, and what tick recorded as missed', async () => {
    const store = memoryStore();
    const board = new OpenDeadlines(store, ctx);
    await board.start();
    const s = storyEngine(store);
    await runStory(s);
    await board.waitUntilCaughtUp();
    for (const iso of [
      '2020-06-12T12:00:00+08:00',
      '2020-06-26T12:00:00+08:00',
      '2020-06-29T12:00:00+08:00',
      '2020-07-07T12:00:00+08:00',
    ]) {
      const now = new Date(iso);
      expect(board.list({ now }), iso).toEqual(await s.engine.deadlines({ now }));
    }
    expect(board.list({ now: new Date('2020-06-26T12:00:00+08:00') })).toMatchObject([
      { streamId: 'application-a3', deadlineId: 'acceptance', due: '2020-06-26', status: 'due-today' },
    ]);
    expect(board.overdue(new Date('2020-06-29T12:00:00+08:00')).map((d) => d.streamId)).toEqual(['application-a3']);
    expect(board.missed()).toEqual([]);

    const recorded = await s.engine.tick(new Date('2020-06-29T12:00:00+08:00'));
    await board.waitUntilCaughtUp();
    expect(recorded.map((e) => e.type)).toEqual(['DeadlineMissed']);
    expect(board.missed()).toMatchObject([
      {
        streamId: 'application-a3',
        deadlineId: 'acceptance',
        due: '2020-06-26',
        detectedOn: '2020-06-29',
        position: recorded[0]!.position,
      },
    ]);
    expect(board.list({ now: new Date('2020-06-29T12:00:00+08:00') })).toEqual(
      await s.engine.deadlines({ now: new Date('2020-06-29T12:00:00+08:00') }),
    );

    s.at('2020-06-30T10:00:00+08:00');
    await s.engine.applications.reject({ streamId: 'application-a3', actor: CENTRE, payload: { reason: '材料不全' } });
    await board.waitUntilCaughtUp();
    expect(board.list({ now: new Date('2020-07-01T12:00:00+08:00') })).toEqual([]);
    expect(board.state.streams['application-a3']).toMatchObject({ done: true, events: [] });
    await board.stop();
  });
});

describe('projections are idempotent and rebuildable', () => {
  const projections: Projection<unknown>[] = [
    filingCatalogProjection({ rulePacks: [testRulePack] }),
    certificateRegistryProjection(),
    openDeadlinesProjection(),
  ] as Projection<unknown>[];

  it.each(projections.map((p) => [p.name, p] as const))(
    '%s: an event handed over again changes nothing, by position or by stream version',
    async (_name, p) => {
      const store = memoryStore();
      await runStory(storyEngine(store));
      const events = await all(store);
      const once = project(p, events);
      expect(project(p, [...events, ...events])).toEqual(once);
      // Without the position guard: each event applied twice in a row, and the whole log applied over itself.
      let twice = p.initial();
      for (const e of events) twice = p.apply(p.apply(twice, e), e);
      expect(twice).toEqual(once.state);
      // Any prefix of the log handed over again (a subscription restarting from an old checkpoint) changes nothing.
      const expected = structuredClone(once.state);
      for (let k = 1; k <= events.length; k++)
        expect(events.slice(0, k).reduce((st, e) => p.apply(st, e), once.state)).toEqual(expected);
      // project() copies the `from` it is given: folding a new event over it leaves it as it was.
      const frozen = JSON.stringify(once);
      const further = project(p, [{ ...events[0]!, version: 999, position: 999 }], once);
      expect(JSON.stringify(once)).toBe(frozen);
      expect(further.position).toBe(999);
      expect(further.state).not.toEqual(once.state);
    },
  );

  it('rebuild() folds the whole log from position 0 into the same state, then keeps following', async () => {
    const store = memoryStore();
    const s = storyEngine(store);
    const registry = new CertificateRegistry(store);
    await registry.start();
    const { numbers } = await runStory(s);
    await registry.waitUntilCaughtUp();
    const live = registry.snapshot();
    const log = await all(store);
    const result = await registry.rebuild();
    expect(result).toEqual({ events: log.length, position: log[log.length - 1]!.position });
    expect(registry.snapshot()).toEqual(live);

    s.at('2020-07-08T09:00:00+08:00');
    await s.engine.certificates.revoke({
      streamId: `certificate-${numbers[0]}`,
      actor: CENTRE,
      payload: { reason: '证书信息有误' },
    });
    await registry.waitUntilCaughtUp();
    expect(registry.lookup(numbers[0]!)?.status).toBe('revoked');
    await registry.stop();
  });

  it('a state kept as JSON resumes with only the events after its position', async () => {
    const store = memoryStore();
    const s = storyEngine(store);
    await fileOrganization(s, 'application-a1', ORG1);
    const first = new FilingCatalog(store, { rulePacks: [testRulePack] });
    await first.waitUntilCaughtUp();
    const kept = JSON.parse(JSON.stringify(first.snapshot()));
    await first.stop();

    s.at('2020-07-01T09:00:00+08:00');
    await s.engine.applications.suspend({ streamId: 'application-a1', actor: CENTRE, payload: { reason: '整改' } });
    const resumed = new FilingCatalog(store, {
      rulePacks: [testRulePack],
      from: kept,
      subscriptionName: 'catalog-resumed',
    });
    await resumed.waitUntilCaughtUp();
    expect(resumed.applied).toBe(1);
    expect(resumed.get('application-a1')?.status).toBe('suspended');
    const fresh = new FilingCatalog(store, { rulePacks: [testRulePack], subscriptionName: 'catalog-fresh' });
    await fresh.waitUntilCaughtUp();
    expect(resumed.snapshot()).toEqual(fresh.snapshot());
    await Promise.all([resumed.stop(), fresh.stop()]);
  });
});
