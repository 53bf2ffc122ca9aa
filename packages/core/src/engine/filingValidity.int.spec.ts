// CompleteFiling's validUntil: computed where the notice fixes a length,
// recorded from the receipt where it fixes none (refused without it), null
// where the notice has no validity.
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  defineRulePack,
  memoryStore,
  ValidationError,
  type Command,
  type EventStore,
  type RulePack,
} from '@certflow/core';
import { testCalendar, testRulePack, type GivenCommand } from '@certflow/core/testing';
import { APP, centre, cmd, PUBLICITY } from './scenario.fixtures.js';

const { filingValidity: _v, hash: _h, knownHashes: _k, releases: _r, parent: _p, ...base } = testRulePack;
const receiptPack = defineRulePack({
  ...base,
  id: 'test-pack',
  filingValidity: {
    cite: { document: base.documents[0]!.number, clause: '十三', text: '出具备案回执（含备案编号及备案有效期）' },
  },
});
const noValidityPack = defineRulePack({ ...base, id: 'test-pack' });

function setup(pack: RulePack, store: EventStore = memoryStore()) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [pack], calendar: testCalendar(), clock: () => now });
  const run = async (commands: GivenCommand[]) => {
    for (const { at, ...c } of commands) {
      if (at) now = new Date(at);
      await engine.execute(c as Command);
    }
  };
  return { engine, run, store };
}
const complete = (payload: Record<string, unknown>) =>
  cmd('CompleteFiling', centre, { organizationCode: '0001', ...payload }, APP, '2020-06-10T10:00:00+08:00');
const versionOf = async (store: EventStore) => (await store.readStream(APP)).length;

describe('CompleteFiling validUntil', () => {
  it('a notice that fixes no length: the centre records the receipt’s validity, and the filing carries it', async () => {
    const { engine, run } = setup(receiptPack);
    await run([...PUBLICITY, complete({ validUntil: '2023-12-31' })]);
    const s = await engine.load(APP);
    expect(s.state).toBe('filed.active');
    expect(s.context).toMatchObject({ validFrom: '2020-06-10', validUntil: '2023-12-31' });
  });

  it('without validUntil such a filing is refused, and nothing is written', async () => {
    const { run, store } = setup(receiptPack);
    await run(PUBLICITY);
    const before = await versionOf(store);
    const e = await run([complete({})]).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues).toEqual([expect.objectContaining({ path: ['payload', 'validUntil'], code: 'required' })]);
    expect(await versionOf(store)).toBe(before);
    const past = await run([complete({ validUntil: '2020-06-09' })]).catch((x) => x);
    expect(past.issues).toEqual([expect.objectContaining({ path: ['payload', 'validUntil'], code: 'too_small' })]);
  });

  it('a notice that fixes 3 years: computed; a different validUntil is refused, the same one accepted', async () => {
    const a = setup(testRulePack);
    await a.run([...PUBLICITY, complete({})]);
    expect((await a.engine.load(APP)).context).toMatchObject({ validFrom: '2020-06-10', validUntil: '2023-06-09' });
    const b = setup(testRulePack);
    await b.run(PUBLICITY);
    await expect(b.run([complete({ validUntil: '2023-12-31' })])).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'not_accepted' })],
    });
    await b.run([complete({ validUntil: '2023-06-09' })]);
    expect((await b.engine.load(APP)).context).toMatchObject({ validUntil: '2023-06-09' });
  });

  it('a notice without any validity: validUntil is null, and one given is refused', async () => {
    const a = setup(noValidityPack);
    await a.run([...PUBLICITY, complete({})]);
    expect((await a.engine.load(APP)).context).toMatchObject({ validFrom: '2020-06-10', validUntil: null });
    const b = setup(noValidityPack);
    await b.run(PUBLICITY);
    await expect(b.run([complete({ validUntil: '2023-12-31' })])).rejects.toBeInstanceOf(ValidationError);
  });
});
