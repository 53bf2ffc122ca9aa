import { describe, expect, it } from 'vitest';
import { createEngine, memoryStore, RuleViolationError, type EventStore, type Occupation } from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';
import { centre } from './scenario.fixtures.js';

const QUOTA = 'quota-per-occupation-6-18-01-01';
const SECOND = 'quota-per-occupation-6-18-01-02';
const milling: Occupation = {
  code: '6-18-01-02',
  name: '铣工',
  levels: [5],
  standard: 'national',
  accessType: false,
  evaluators: 3,
};

function setup(store: EventStore = memoryStore()) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  const at = (iso: string) => (now = new Date(iso));
  const toPublicity = async (streamId: string, orgId: string, profile = testProfile()) => {
    at('2020-06-01T09:00:00+08:00');
    await engine.execute({
      type: 'SubmitApplication',
      streamId,
      commandId: `submit-${streamId}`,
      actor: { id: orgId, role: 'applicant' },
      payload: { ...profile, rulePack: 'test-pack' },
    });
    await engine.applications.accept({ streamId, actor: centre });
    await engine.applications.startPublicity({ streamId, actor: centre });
  };
  const file = async (streamId: string) => {
    at('2020-06-10T10:00:00+08:00');
    return engine.applications.completeFiling({ streamId, actor: centre });
  };
  const holders = async (quota: string) => {
    const held = new Set<string>();
    for (const e of await store.readStream(quota)) {
      const h = (e.data as { holder: string }).holder;
      if (e.type === 'QuotaPlaceReserved') held.add(h);
      else held.delete(h);
    }
    return [...held].sort();
  };
  /** What a CompleteFiling that died between its two appends leaves behind: a place, and no FilingCompleted. */
  const crashAfterReserving = async (quota: string, holder: string) => {
    const version = await store.streamVersion(quota);
    await store.append(
      quota,
      [
        {
          type: 'QuotaPlaceReserved',
          data: { holder, quotaId: 'per-occupation', bucket: quota.slice('quota-per-occupation-'.length), max: 2 },
          meta: {
            at: now.toISOString(),
            actor: centre,
            commandId: `crashed-${holder}`,
            correlationId: `crashed-${holder}`,
            rulePack: { id: testRulePack.id, version: testRulePack.version },
          },
        },
      ],
      { expectedVersion: version },
    );
  };
  return { store, engine, at, toPublicity, file, holders, crashAfterReserving };
}

describe('quotas across organizations', () => {
  it('a scope amendment that adds an occupation takes a place in its bucket', async () => {
    const t = setup();
    await t.toPublicity('application-a', 'org-a');
    await t.file('application-a');
    await t.engine.applications.amendScope({ streamId: 'application-a', actor: centre, payload: { add: [milling] } });
    expect(await t.holders(SECOND)).toEqual(['application-a']);
    const a = await t.engine.load('application-a');
    expect((a.context as { quotaPlaces: string[] }).quotaPlaces).toEqual([QUOTA, SECOND]);
  });

  it('an amendment into a full bucket is refused and takes nothing; dropping an occupation gives its place back', async () => {
    const t = setup();
    const withMilling = { ...testProfile(), occupations: [...testProfile().occupations, milling] };
    await t.toPublicity('application-a', 'org-a', withMilling);
    await t.toPublicity('application-b', 'org-b', withMilling);
    await t.toPublicity('application-d', 'org-d', {
      ...testProfile(),
      occupations: [{ ...milling, code: '6-18-01-09', name: '其他' }],
    });
    await t.file('application-a');
    await t.file('application-b');
    await t.file('application-d');
    const refused = await t.engine.applications
      .amendScope({ streamId: 'application-d', actor: centre, payload: { add: [milling] } })
      .then(
        () => undefined,
        (e) => e,
      );
    expect(refused).toBeInstanceOf(RuleViolationError);
    expect((refused as RuleViolationError).command).toBe('AmendScope');
    expect((refused as RuleViolationError).findings[0]).toMatchObject({
      ruleId: 'per-occupation',
      cite: { clause: '七' },
    });
    expect(await t.holders(SECOND)).toEqual(['application-a', 'application-b']);

    await t.engine.applications.amendScope({
      streamId: 'application-a',
      actor: centre,
      payload: { drop: [{ code: '6-18-01-02' }] },
    });
    expect(await t.holders(SECOND)).toEqual(['application-b']);
    const a = await t.engine.load('application-a');
    expect((a.context as { quotaPlaces: string[] }).quotaPlaces).toEqual([QUOTA]);
    await t.engine.applications.amendScope({ streamId: 'application-d', actor: centre, payload: { add: [milling] } });
    expect(await t.holders(SECOND)).toEqual(['application-b', 'application-d']);
  });

  it('a place left behind by a command that died half way is given back once its holder is rejected', async () => {
    const t = setup();
    for (const id of ['a', 'b', 'c']) await t.toPublicity(`application-${id}`, `org-${id}`);
    await t.file('application-a');
    await t.crashAfterReserving(QUOTA, 'application-b');
    // While b is in flight its place counts: c is refused.
    await expect(t.file('application-c')).rejects.toBeInstanceOf(RuleViolationError);
    // b is rejected after an upheld objection: its place is stale, and c can file.
    await t.engine.applications.reject({
      streamId: 'application-b',
      actor: centre,
      payload: { reason: '公示期异议成立' },
    });
    await t.file('application-c');
    expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-c']);
    const released = (await t.store.readStream(QUOTA)).filter((e) => e.type === 'QuotaPlaceReleased');
    expect(released.map((e) => e.data)).toEqual([
      { holder: 'application-b', reason: 'stale reservation: application-b ended with ApplicationRejected' },
    ]);
  });

  it('a retried CompleteFiling reuses the place its first run took', async () => {
    const t = setup();
    for (const id of ['a', 'b']) await t.toPublicity(`application-${id}`, `org-${id}`);
    await t.file('application-a');
    await t.crashAfterReserving(QUOTA, 'application-b');
    await t.file('application-b');
    expect(await t.holders(QUOTA)).toEqual(['application-a', 'application-b']);
    expect((await t.store.readStream(QUOTA)).map((e) => e.type)).toEqual(['QuotaPlaceReserved', 'QuotaPlaceReserved']);
  });
});
