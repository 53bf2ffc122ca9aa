import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  createEngine,
  memoryStore,
  openPersonalCommitment,
  parsePersonalToken,
  verifyLog,
  type Command,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testRoster, testRulePack, type GivenCommand } from '@certflow/core/testing';
import { EXAM, ISSUED, org, cmd, day, RESULTS } from '../engine/scenario.fixtures.js';

async function run(store: EventStore, commands: GivenCommand[]) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  for (const { at, ...c } of commands) {
    if (at) now = new Date(at);
    await engine.execute(c as Command);
  }
  return engine;
}
async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}
const roster = testRoster();

describe('event format 2 (memory store with a vault)', () => {
  it('keeps every 身份证号 and name out of the events, and the log verifies without the vault', async () => {
    const store = memoryStore({ personal: true });
    await run(store, ISSUED);
    const log = await all(store);
    const text = JSON.stringify(log);
    for (const c of roster) {
      expect(text).not.toContain(c.idNumber);
      expect(text).not.toContain(c.name);
    }
    const personalEvents = log.filter((e) =>
      ['ExamPlanned', 'ResultsRecorded', 'CertificatesIssued', 'CertificateIssued'].includes(e.type),
    );
    expect(personalEvents.length).toBeGreaterThanOrEqual(5);
    for (const e of personalEvents) expect(e.meta.format).toBe(2);
    for (const e of log.filter((x) => !personalEvents.includes(x))) expect(e.meta.format).toBeUndefined();
    expect(verifyLog(log)).toMatchObject({ ok: true, events: log.length });
    expect(checkHistory(log).violations).toEqual([]);
  });

  it('gives one person one token per kind across roster, results and certificates, and the vault opens each', async () => {
    const store = memoryStore({ personal: true });
    await run(store, ISSUED);
    const log = await all(store);
    const planned = log.find((e) => e.type === 'ExamPlanned')!.data as { roster: { idNumber: string; name: string }[] };
    const recorded = log.find((e) => e.type === 'ResultsRecorded')!.data as {
      results: { idNumber: string; passed: boolean }[];
    };
    expect(recorded.results.map((r) => r.idNumber)).toEqual(planned.roster.map((r) => r.idNumber));
    const certificate = log.find((e) => e.type === 'CertificateIssued')!.data as {
      holder: { idNumber: string; name: string };
    };
    expect(planned.roster.map((r) => r.idNumber)).toContain(certificate.holder.idNumber);
    const rows = await store.vault!.rows();
    expect(rows).toHaveLength(roster.length * 2);
    for (const [n, c] of roster.entries()) {
      const id = parsePersonalToken(planned.roster[n]!.idNumber)!;
      const name = parsePersonalToken(planned.roster[n]!.name)!;
      expect(id.subject).toBe(name.subject);
      const idRow = rows.find((r) => r.commitment === id.commitment)!;
      expect(idRow).toMatchObject({ subject: id.subject, kind: 'id-number', value: c.idNumber });
      expect(idRow.lookup).toMatch(/^[0-9a-f]{64}$/);
      expect(openPersonalCommitment(id.commitment, c.idNumber, idRow.salt)).toBe(true);
      expect(rows.find((r) => r.commitment === name.commitment)).toMatchObject({
        kind: 'name',
        value: c.name,
        lookup: null,
      });
    }
    expect(verifyLog(log, { personal: { vault: rows } })).toMatchObject({ ok: true });
  });

  it('with the vault, finds a value that does not open its commitment and a missing value', async () => {
    const store = memoryStore({ personal: true });
    await run(store, ISSUED);
    const log = await all(store);
    const rows = await store.vault!.rows();
    const forged = rows.map((r, n) =>
      n === 0 ? { ...r, value: r.kind === 'name' ? '李四' : '110101199003070011' } : r,
    );
    const bad = verifyLog(log, { personal: { vault: forged } });
    expect(bad.ok).toBe(false);
    expect(bad.problems.every((p) => p.kind === 'personal-unopened')).toBe(true);
    expect(bad.problems[0]!.detail).toContain('does not open');
    const missing = verifyLog(log, { personal: { vault: rows.slice(1) } });
    expect(missing.problems.map((p) => p.kind)).toContain('personal-unopened');
    expect(missing.problems[0]!.detail).toContain('holds no value');
    // An erased subject's tokens open nothing, and that is no problem.
    expect(verifyLog(log, { personal: { vault: rows.slice(1), erased: [rows[0]!.subject] } }).ok).toBe(true);
  });

  it('still refuses results for someone not in the roster, comparing tokens', async () => {
    const store = memoryStore({ personal: true });
    const outsider = '11010519491231002X';
    const results = { results: [{ idNumber: outsider, passed: true, score: 90 }] };
    await expect(
      run(store, [...RESULTS.slice(0, -1), cmd('RecordResults', org, results, EXAM, day('22'))]),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    // The refused command wrote nothing to the vault either.
    expect((await store.vault!.rows()).map((r) => r.value)).not.toContain(outsider);
  });

  it('refuses vault rows whose salt does not open the commitment, and rows on a store without a vault', async () => {
    const store = memoryStore({ personal: true });
    const meta = {
      at: '2020-06-01T09:00:00+08:00',
      actor: { id: 'a', role: 'system' as const },
      commandId: 'c',
      correlationId: 'c',
    };
    const row = {
      subject: '0'.repeat(32),
      kind: 'name' as const,
      value: '张三',
      salt: 'A'.repeat(22),
      commitment: '0'.repeat(64),
      lookup: null,
    };
    await expect(
      store.append('quota-x', [{ type: 'X', data: {}, meta }], { expectedVersion: 0, personal: [row] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await store.streamVersion('quota-x')).toBe(0);
    await expect(
      memoryStore().append('quota-x', [{ type: 'X', data: {}, meta }], { expectedVersion: 0, personal: [row] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('writes format 1 as before on a store without a vault', async () => {
    const store = memoryStore();
    await run(store, ISSUED);
    const log = await all(store);
    expect(JSON.stringify(log)).toContain(roster[0]!.idNumber);
    expect(log.every((e) => e.meta.format === undefined)).toBe(true);
  });
});

describe('format 2: what the events still say about a person', () => {
  it('records a command fingerprint that is no bare hash of the command with its 身份证号', async () => {
    const { commandFingerprint } = await import('@certflow/core');
    const store = memoryStore({ personal: true });
    await run(store, RESULTS);
    const recorded = (await all(store)).find((e) => e.type === 'ResultsRecorded')!;
    const command = RESULTS[RESULTS.length - 1]!;
    expect(recorded.meta.commandFingerprint).not.toBe(commandFingerprint(command as Command));
    // The same command sent again is recognised as the same (its fingerprint is stable).
    const engine = await run(store, []);
    const { at: _at, ...again } = command;
    const repeated = await engine.execute(again as Command);
    expect(repeated.events.map((e) => e.position)).toEqual([recorded.position]);
  });

  it('refuses an append whose new subject clashes with one the vault made meanwhile, so the engine resolves again', async () => {
    const store = memoryStore({ personal: true });
    const meta = {
      at: '2020-06-01T09:00:00+08:00',
      actor: { id: 'a', role: 'system' as const },
      commandId: 'c',
      correlationId: 'c',
    };
    const { commitPersonalValue } = await import('@certflow/core');
    const [lookup] = await store.vault!.lookupKeys([{ kind: 'id-number', value: roster[0]!.idNumber }]);
    const row = (subject: string) => {
      const c = commitPersonalValue(roster[0]!.idNumber);
      return {
        subject,
        kind: 'id-number' as const,
        value: roster[0]!.idNumber,
        salt: c.salt,
        commitment: c.commitment,
        lookup: lookup!,
      };
    };
    await store.append('quota-a', [{ type: 'X', data: {}, meta }], {
      expectedVersion: 0,
      personal: [row('1'.repeat(32))],
    });
    await expect(
      store.append('quota-b', [{ type: 'X', data: {}, meta }], { expectedVersion: 0, personal: [row('2'.repeat(32))] }),
    ).rejects.toMatchObject({ code: 'CONCURRENCY' });
    expect(await store.streamVersion('quota-b')).toBe(0);
    expect((await store.vault!.resolve([roster[0]!.idNumber])).get(roster[0]!.idNumber)).toMatchObject({
      subject: '1'.repeat(32),
      lookup,
    });
  });
});

describe('format 2: the recipe of docs/event-log.md, recomputed without certflow', () => {
  it('opens every token of the log from the vault rows with node:crypto and JSON.stringify alone', async () => {
    const { createHash } = await import('node:crypto');
    const store = memoryStore({ personal: true });
    await run(store, ISSUED);
    const log = await all(store);
    const rows = await store.vault!.rows();
    const byCommitment = new Map(rows.map((r) => [r.commitment, r]));
    let opened = 0;
    for (const e of log.filter((x) => x.meta.format === 2)) {
      for (const token of JSON.stringify(e.data).match(/personal:[0-9a-f]{32}:[0-9a-f]{64}/g) ?? []) {
        const [, subject, commitment] = token.split(':');
        const row = byCommitment.get(commitment!)!;
        expect(row.subject).toBe(subject);
        const digest = createHash('sha256')
          .update(
            Buffer.concat([
              Buffer.from('certflow:personal:v1\u0000'),
              Buffer.from(row.salt, 'base64url'),
              Buffer.from(JSON.stringify(row.value), 'utf8'),
            ]),
          )
          .digest('hex');
        expect(digest).toBe(commitment);
        opened++;
      }
    }
    expect(opened).toBeGreaterThanOrEqual(roster.length * 2 + roster.length + 4 * 2);
  });
});
