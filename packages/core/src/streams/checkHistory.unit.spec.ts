import { describe, expect, it } from 'vitest';
import { createEngine, memoryStore, sealEvents, verifyLog, type StoredEvent } from '@certflow/core';
import { testCalendar, testExamPlan, testProfile, testRulePack } from '@certflow/core/testing';
import { computeEventHash } from '../hash.js';
import { checkHistory } from './checkHistory.js';
import { eventDataIssues } from './catalogue.js';

const org = { id: 'org-1', role: 'applicant' as const };
const centre = { id: 'centre-jinan', role: 'city-center' as const };
const APP = 'application-a1';
const EXAM = 'exam-e1';

/** A filing, an exam with one failed candidate, its certificates: the whole lifecycle, as the engine writes it. */
async function lifecycle(options: { suspendBeforeIssue?: boolean } = {}): Promise<StoredEvent[]> {
  const store = memoryStore();
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  const at = (iso: string) => (now = new Date(iso));
  await engine.applications.submit({ streamId: APP, actor: org, payload: { ...testProfile(), rulePack: 'test-pack' } });
  at('2020-06-02T10:00:00+08:00');
  await engine.applications.accept({ streamId: APP, actor: centre });
  at('2020-06-03T10:00:00+08:00');
  await engine.applications.startPublicity({ streamId: APP, actor: centre });
  at('2020-06-10T10:00:00+08:00');
  await engine.applications.completeFiling({ streamId: APP, actor: centre, payload: { organizationCode: '0001' } });
  at('2020-06-11T10:00:00+08:00');
  await engine.exams.plan({ streamId: EXAM, actor: org, payload: testExamPlan(APP, '2020-06-22') });
  at('2020-06-15T18:00:00+08:00');
  await engine.exams.file({ streamId: EXAM, actor: org });
  at('2020-06-22T18:00:00+08:00');
  const roster = testExamPlan(APP, '2020-06-22').roster;
  await engine.exams.recordResults({
    streamId: EXAM,
    actor: org,
    payload: { results: roster.map((c, i) => ({ idNumber: c.idNumber, passed: i !== 1, score: i === 1 ? 40 : 80 })) },
  });
  at('2020-06-23T09:00:00+08:00');
  await engine.exams.startResultsPublicity({ streamId: EXAM, actor: org });
  at('2020-06-30T09:00:00+08:00');
  await engine.exams.confirmResults({ streamId: EXAM, actor: centre });
  if (options.suspendBeforeIssue)
    await engine.applications.suspend({ streamId: APP, actor: centre, payload: { reason: '违规' } });
  await engine.exams.issueCertificates({ streamId: EXAM, actor: org }).catch(() => undefined);
  at('2020-07-01T09:00:00+08:00');
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
}

/** Appends a correctly sealed event to a stream of a log, as a forger with write access would. */
function forge(log: StoredEvent[], streamId: string, type: string, data: StoredEvent['data']): StoredEvent[] {
  const last = log.filter((e) => e.streamId === streamId).at(-1);
  const model = last ?? log[0]!;
  const [sealed] = sealEvents(
    streamId,
    { version: last?.version ?? 0, hash: last?.hash ?? null },
    [Math.max(...log.map((e) => e.position)) + 1],
    [{ type, data, meta: model.meta }],
  );
  return [...log, sealed!];
}

const certificates = (log: StoredEvent[]) => log.filter((e) => e.type === 'CertificateIssued');
const rules = (log: StoredEvent[]) => checkHistory(log).violations.map((v) => `${v.streamId}@${v.version}:${v.rule}`);

describe('checkHistory', () => {
  it('finds nothing wrong in a history the engine wrote, and the catalogue accepts every event of it', async () => {
    const log = await lifecycle();
    expect(log.map((e) => e.type)).toContain('CertificateIssued');
    expect(checkHistory(log)).toEqual({ ok: true, violations: [] });
    for (const e of log)
      expect(eventDataIssues(e.streamId.split('-')[0] as never, e.type, e.data), `${e.streamId} ${e.type}`).toEqual([]);
  });

  it('catches a correctly chained ResultsRecorded (a failed candidate now passed) appended after CertificatesIssued', async () => {
    const log = await lifecycle();
    const results = log.find((e) => e.type === 'ResultsRecorded')!;
    const all = (results.data as { results: { idNumber: string }[] }).results.map((r) => ({
      ...r,
      passed: true,
      score: 90,
    }));
    const forged = forge(log, EXAM, 'ResultsRecorded', { results: all });
    expect(verifyLog(forged).ok).toBe(true);
    const v = checkHistory(forged).violations;
    expect(v).toEqual([
      expect.objectContaining({ streamId: EXAM, version: 7, rule: 'machine-accepts', type: 'ResultsRecorded' }),
    ]);
    expect(v[0]!.detail).toContain('certificatesIssued');
  });

  it('catches a second ResultsConfirmed', async () => {
    const log = await lifecycle();
    // the exam without its certificates (as if they were never issued), then a second confirmation
    const cut = log.filter((e) => !['CertificatesIssued', 'CertificateIssued', 'SerialsAllocated'].includes(e.type));
    const forged = forge(cut, EXAM, 'ResultsConfirmed', {});
    expect(verifyLog(forged).ok).toBe(true);
    expect(rules(forged)).toEqual([`${EXAM}@6:machine-accepts`]);
  });

  it('catches two certificate streams whose ids were swapped and rehashed', async () => {
    const log = await lifecycle();
    const [a, b] = certificates(log);
    [a!.streamId, b!.streamId] = [b!.streamId, a!.streamId];
    for (const e of [a!, b!]) e.hash = computeEventHash(e);
    expect(verifyLog(log).ok).toBe(true);
    expect(rules(log).sort()).toEqual(
      [`${a!.streamId}@1:certificate-number`, `${b!.streamId}@1:certificate-number`].sort(),
    );
  });

  it('catches a certificate for a candidate who failed, and one its exam does not list', async () => {
    const log = await lifecycle();
    const failed = (
      log.find((e) => e.type === 'ResultsRecorded')!.data as { results: { idNumber: string; passed: boolean }[] }
    ).results.find((r) => !r.passed)!;
    const real = certificates(log)[0]!;
    const number = `${real.streamId.slice('certificate-'.length, -6)}999999`;
    const forged = forge(log, `certificate-${number}`, 'CertificateIssued', {
      ...(real.data as object),
      number,
      holder: { name: '赵六', idNumber: failed.idNumber },
    });
    expect(verifyLog(forged).ok).toBe(true);
    expect(rules(forged)).toEqual([
      `certificate-${number}@1:certificate-listed`,
      `certificate-${number}@1:certificate-passed`,
    ]);
  });

  it('catches certificates issued while the filing was suspended (the engine refuses them; a forger appends them)', async () => {
    const suspended = await lifecycle({ suspendBeforeIssue: true });
    expect(suspended.some((e) => e.type === 'CertificatesIssued')).toBe(false);
    const issued = (await lifecycle()).find((e) => e.type === 'CertificatesIssued')!;
    const forged = forge(suspended, EXAM, 'CertificatesIssued', issued.data);
    const version = forged.filter((e) => e.streamId === EXAM).length;
    expect(verifyLog(forged).ok).toBe(true);
    expect(rules(forged)).toEqual([`${EXAM}@${version}:exam-filing-active`]);
  });

  it('catches data that is not what the engine writes for its type, and a type its stream does not hold', async () => {
    const log = await lifecycle();
    const withBadData = forge(log, 'certificate-S00013700012320000099', 'CertificateRevoked', { reason: 42 });
    expect(rules(withBadData)).toEqual(['certificate-S00013700012320000099@1:event-data']);
    const unknown = forge(log, APP, 'FilingTransferred', { to: 'someone' });
    expect(rules(unknown)).toEqual([`${APP}@${log.filter((e) => e.streamId === APP).length + 1}:event-type`]);
  });

  it('catches a filing that names a quota place it never held, and a quota place beyond the maximum', async () => {
    const log = await lifecycle();
    const filed = log.find((e) => e.type === 'FilingCompleted')!;
    const places = (filed.data as { quotaPlaces: string[] }).quotaPlaces;
    expect(places.length).toBeGreaterThan(0);
    // a second filing claiming the same occupation's places without reserving them
    let forged = forge(
      log,
      'application-a2',
      'ApplicationSubmitted',
      log.find((e) => e.type === 'ApplicationSubmitted')!.data,
    );
    for (const type of ['ApplicationAccepted', 'PublicityStarted'])
      forged = forge(forged, 'application-a2', type, type === 'PublicityStarted' ? { startsOn: '2020-06-03' } : {});
    forged = forge(forged, 'application-a2', 'FilingCompleted', filed.data);
    expect(rules(forged)).toEqual(places.map((p) => `application-a2@4:quota-place-held`));
    // three holders of a quota whose maximum is 2
    const quota = places[0]!;
    const reserved = log.find((e) => e.streamId === quota)!;
    let crowded = forge(log, quota, 'QuotaPlaceReserved', { ...(reserved.data as object), holder: 'application-b1' });
    crowded = forge(crowded, quota, 'QuotaPlaceReserved', { ...(reserved.data as object), holder: 'application-b2' });
    expect(rules(crowded)).toEqual([`${quota}@3:quota-max`]);
  });
});
