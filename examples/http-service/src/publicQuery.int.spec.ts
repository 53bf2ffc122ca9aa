import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, certificateRegistry, createEngine, memoryStore } from '@certflow/core';
import { testCalendar, testExamPlan, testProfile, testRoster, testRulePack } from '@certflow/core/fixtures';
import { certflowServer } from './server.js';

const store = memoryStore();
let now = new Date('2020-06-01T10:00:00+08:00');
const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
const ORG: Actor = { id: 'org-1', role: 'applicant' };
const CENTRE: Actor = { id: 'centre', role: 'city-center' };
let clock = 0;
let server: ReturnType<typeof certflowServer>;
let base = '';
let numbers: string[] = [];

beforeAll(async () => {
  await engine.applications.submit({
    streamId: 'application-a1',
    actor: ORG,
    payload: { ...testProfile(), rulePack: 'test-pack' },
  });
  now = new Date('2020-06-02T10:00:00+08:00');
  await engine.applications.accept({ streamId: 'application-a1', actor: CENTRE });
  now = new Date('2020-06-03T10:00:00+08:00');
  await engine.applications.startPublicity({ streamId: 'application-a1', actor: CENTRE });
  now = new Date('2020-06-10T10:00:00+08:00');
  await engine.applications.completeFiling({
    streamId: 'application-a1',
    actor: CENTRE,
    payload: { organizationCode: '0001' },
  });
  const plan = testExamPlan('application-a1', '2020-06-22');
  now = new Date('2020-06-11T10:00:00+08:00');
  await engine.exams.plan({ streamId: 'exam-e1', actor: ORG, payload: plan });
  now = new Date('2020-06-15T18:00:00+08:00');
  await engine.exams.file({ streamId: 'exam-e1', actor: ORG });
  now = new Date('2020-06-22T18:00:00+08:00');
  await engine.exams.recordResults({
    streamId: 'exam-e1',
    actor: ORG,
    payload: { results: plan.roster.map((c) => ({ idNumber: c.idNumber, passed: true, score: 80 })) },
  });
  now = new Date('2020-06-23T09:00:00+08:00');
  await engine.exams.startResultsPublicity({ streamId: 'exam-e1', actor: ORG });
  now = new Date('2020-06-30T09:00:00+08:00');
  await engine.exams.confirmResults({ streamId: 'exam-e1', actor: CENTRE });
  const issued = await engine.exams.issueCertificates({ streamId: 'exam-e1', actor: ORG });
  numbers = (issued.events[0]!.data as { certificates: { number: string }[] }).certificates.map((c) => c.number);
  await engine.certificates.revoke({
    streamId: `certificate-${numbers[1]}`,
    actor: CENTRE,
    payload: { reason: '考试作弊' },
  });
  const registry = await certificateRegistry(store);
  server = certflowServer(engine, { registry, publicQueriesPerMinute: 5, now: () => clock });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

const ask = async (number: string, name?: string, idNumber?: string) => {
  const q = new URLSearchParams();
  if (name !== undefined) q.set('name', name);
  if (idNumber !== undefined) q.set('idNumber', idNumber);
  const res = await fetch(`${base}/public/certificates/${encodeURIComponent(number)}?${q}`);
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
};

describe('GET /public/certificates/:number (公开查询)', () => {
  it('answers valid or revoked for the right holder, not-found for anything else, and 400 without the holder', async () => {
    const [c1, c2, c3] = testRoster();
    clock = 0;
    expect(await ask(numbers[0]!, c1!.name, c1!.idNumber)).toMatchObject({
      status: 200,
      body: { status: 'valid', number: numbers[0], organization: { code: '0001' } },
    });
    expect(await ask(numbers[1]!, c2!.name, c2!.idNumber)).toMatchObject({
      status: 200,
      body: { status: 'revoked', revokedOn: '2020-06-30' },
    });
    const wrong = await ask(numbers[0]!, c3!.name, c3!.idNumber);
    expect(wrong).toMatchObject({ status: 200, body: { status: 'not-found' } });
    expect(Object.keys(wrong.body)).toEqual(['status']);
    expect(await ask(numbers[0]!, c1!.name)).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    // Nothing in any answer names a person the caller did not supply.
    const answer = JSON.stringify((await ask(numbers[0]!, c1!.name, c1!.idNumber)).body);
    for (const c of [c1!, c2!, c3!]) expect(answer).not.toContain(c.idNumber);
    expect(answer).not.toContain(c1!.name);
  });

  it('limits each client to its queries per minute with 429 and Retry-After, and opens again after the minute', async () => {
    clock = 120_000;
    const [c1] = testRoster();
    for (let i = 0; i < 5; i++) expect((await ask(numbers[0]!, c1!.name, c1!.idNumber)).status).toBe(200);
    const limited = await ask(numbers[0]!, c1!.name, c1!.idNumber);
    expect(limited).toMatchObject({ status: 429, retryAfter: '60', body: { error: { code: 'RATE_LIMITED' } } });
    clock = 180_000;
    expect((await ask(numbers[0]!, c1!.name, c1!.idNumber)).status).toBe(200);
  });

  it('is absent without a registry', async () => {
    const plain = certflowServer(engine);
    await new Promise<void>((ok) => plain.listen(0, '127.0.0.1', ok));
    const res = await fetch(
      `http://127.0.0.1:${(plain.address() as AddressInfo).port}/public/certificates/x?name=a&idNumber=b`,
    );
    expect(res.status).toBe(404);
    await new Promise((ok) => plain.close(ok));
  });
});
