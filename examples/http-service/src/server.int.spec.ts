import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarCoverageError, createChinaCalendar } from '@certflow/calendar';
import {
  ConcurrencyError,
  createEngine,
  ForbiddenError,
  InvalidTransitionError,
  RuleViolationError,
  ValidationError,
  type ApplicantProfile,
} from '@certflow/core';
import {
  CorruptStoreError,
  IdempotencyConflictError,
  memoryStore,
  NotFoundError,
  ProvisionalCalendarError,
  StoreUnavailableError,
  type EventStore,
  type RulePack,
} from '@certflow/core';
import { testProfile, testRulePack } from '@certflow/core/fixtures';
import { exampleProfile, shandong } from '@certflow/rulepack-shandong';
import { sqliteStore } from '@certflow/store-sqlite';
import { certflowServer, statusOf } from './server.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-http-'));
const store = sqliteStore({ file: join(dir, 'http.sqlite') });
let now = new Date('2020-05-20T10:00:00+08:00');
const server = certflowServer(
  createEngine({ store, rulePacks: [shandong], calendar: createChinaCalendar(), clock: () => now }),
);
let base = '';

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const school = { id: 'org-jinan-0001', role: 'applicant' };
const centre = { id: 'osta-jinan', role: 'city-center' };
const expert = { id: 'expert-1', role: 'expert' };
let n = 0;
/** The fields of the service's answers that these tests read; each answer carries some of them. */
interface Body {
  version: number;
  state: { state: string };
  decision: { outcome: string };
  error: { code: string; issues: { path: (string | number)[] }[]; findings: unknown[] };
}
const command = (type: string, streamId: string, actor: object, payload?: unknown) => ({
  type,
  streamId,
  actor,
  commandId: `c-${++n}`,
  ...(payload ? { payload } : {}),
});
async function post(body: unknown) {
  const res = await fetch(`${base}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}
const get = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, body: (await res.json()) as Body };
};

// The pack's own example applicant (a private training school in Jinan), with its credit record as a test needs it.
const profile = (creditClean = true): ApplicantProfile & Record<string, unknown> => ({
  ...exampleProfile,
  organization: { ...exampleProfile.organization, creditClean },
});

describe('statusOf', () => {
  it('gives each certflow error its HTTP status', () => {
    expect(statusOf(new ValidationError([{ path: ['payload'], code: 'custom', message: 'x' }]))).toBe(400);
    expect(statusOf(new ForbiddenError('auditor', 'AcceptApplication'))).toBe(403);
    expect(statusOf(new InvalidTransitionError('application-a', 'CompleteFiling', 'submitted'))).toBe(409);
    expect(statusOf(new ConcurrencyError('application-a', 1, 2))).toBe(409);
    expect(statusOf(new RuleViolationError('AcceptApplication', []))).toBe(422);
    expect(statusOf(new Error('boom'))).toBe(500);
  });
});

describe('certflow over HTTP (node:http on 127.0.0.1, SQLite store)', () => {
  const APP = 'application-jinan-0001';

  it('POST /commands runs a command and returns its state and decision; GET /streams/:id folds the stream', async () => {
    const submitted = await post(command('SubmitApplication', APP, school, { ...profile(), rulePack: 'shandong' }));
    expect(submitted.status).toBe(200);
    expect(submitted.body.state.state).toBe('submitted');
    expect(submitted.body.decision.outcome).toBe('needs-review');
    now = new Date('2020-05-22T10:00:00+08:00');
    expect((await post(command('AcceptApplication', APP, centre))).status).toBe(200);
    const loaded = await get(`/streams/${APP}`);
    expect(loaded).toMatchObject({ status: 200, body: { streamId: APP, state: 'evaluation', version: 2 } });
    const before = await get(`/streams/${APP}?at=2020-05-21T00:00:00%2B08:00`);
    expect(before.body).toMatchObject({ state: 'submitted', version: 1 });
  });

  it('maps the engine errors to 400, 403, 409 and 422, recording nothing', async () => {
    const bad = await post(
      command('SubmitApplication', 'application-jinan-0002', school, {
        ...profile(),
        rulePack: 'shandong',
        organization: { ...profile().organization, uscc: '52370100MJD1234510' },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.issues[0]?.path).toEqual(['payload', 'organization', 'uscc']);

    const forbidden = await post(command('StartPublicity', APP, school));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');

    const early = await post(command('CompleteFiling', APP, centre));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_TRANSITION');

    // Publicity needs every criterion passed: the open review comes back as findings with their clause.
    const unsettled = await post(command('StartPublicity', APP, centre));
    expect(unsettled.status).toBe(422);
    expect(unsettled.body.error.findings).toEqual([
      expect.objectContaining({
        ruleId: 'influence-and-experience',
        outcome: 'review',
        cite: expect.objectContaining({ document: '鲁人社字〔2020〕50号', clause: '一（二）' }),
      }),
    ]);

    expect((await post('{ not json')).status).toBe(400);
    expect((await get(`/streams/${APP}`)).body.version).toBe(2);
    expect((await get('/streams/application-none')).status).toBe(404);
  });

  it('a repeated command id returns the first result; GET /deadlines lists what is open', async () => {
    now = new Date('2020-05-27T10:00:00+08:00');
    const evaluation = command('RecordEvaluation', APP, expert, {
      findings: { 'influence-and-experience': { outcome: 'pass', note: '现场考察确认' } },
    });
    const first = await post(evaluation);
    const again = await post(evaluation);
    expect(first.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
    expect((await get(`/streams/${APP}`)).body.version).toBe(3);

    const deadlines = await get('/deadlines?now=2020-05-27T12:00:00%2B08:00');
    expect(deadlines.status).toBe(200);
    expect(Array.isArray(deadlines.body)).toBe(true);
    expect((await get('/deadlines?now=yesterday')).status).toBe(400);
    expect((await get('/nowhere')).status).toBe(404);
  });
});

describe('GET /deadlines with a date beyond the calendar', () => {
  it('answers 200, the deadline that cannot be computed carrying its own status', async () => {
    // Submitted 2028-12-20: ten working days after reach 2029, beyond the provisional years (2027–2028).
    const clock = new Date('2028-12-20T10:00:00+08:00');
    const other = certflowServer(
      createEngine({
        store: memoryStore(),
        rulePacks: [testRulePack],
        calendar: createChinaCalendar(),
        clock: () => clock,
      }),
    );
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      const submitted = await fetch(`${url}/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          command('SubmitApplication', 'application-test-2028', school, { ...testProfile(), rulePack: 'test-pack' }),
        ),
      });
      expect(submitted.status).toBe(200);
      const res = await fetch(`${url}/deadlines?now=2028-12-21T12:00:00%2B08:00`);
      expect(res.status).toBe(200);
      const items = (await res.json()) as {
        deadlineId: string;
        status: string;
        due: string | null;
        error?: { code: string };
      }[];
      expect(items).toEqual([
        expect.objectContaining({
          deadlineId: 'acceptance',
          status: 'uncovered',
          due: null,
          error: expect.objectContaining({ code: 'CALENDAR_COVERAGE', year: 2029 }),
        }),
      ]);
    } finally {
      await new Promise((ok) => other.close(ok));
    }
  });
});

async function countEvents(store: EventStore): Promise<number> {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
}

/** A server on its own engine, whose store's appends fail with `failure` while it is set. */
async function serverWith(options: { pack?: RulePack; clock: () => Date }) {
  const inner = memoryStore();
  const faults: { failure?: Error } = {};
  const store = new Proxy(inner, {
    get(target, key) {
      if (key === 'append' && faults.failure) {
        const failure = faults.failure;
        return async () => {
          throw failure;
        };
      }
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const srv = certflowServer(
    createEngine({
      store,
      rulePacks: [options.pack ?? shandong],
      calendar: createChinaCalendar(),
      clock: options.clock,
    }),
  );
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Body };
  };
  return { call, faults, inner, close: () => new Promise((ok) => srv.close(ok)) };
}

describe('every error has its status (one test per status)', () => {
  const clock = () => new Date('2020-05-20T10:00:00+08:00');
  const submit = (streamId: string, commandId: string, payload: object = { ...profile(), rulePack: 'shandong' }) => ({
    type: 'SubmitApplication',
    streamId,
    actor: school,
    commandId,
    payload,
  });

  it('400: a null, array or scalar body and a malformed stream id are refused as input, not as a crash', async () => {
    const s = await serverWith({ clock });
    try {
      for (const body of ['null', '[]', '42', '"SubmitApplication"']) {
        const r = await s.call('POST', '/commands', body);
        expect(r.status, body).toBe(400);
        expect(r.body.error).toMatchObject({
          code: 'VALIDATION',
          issues: [expect.objectContaining({ path: [], expected: 'object' })],
        });
      }
      for (const path of ['/streams/%E0%A4%A', '/streams/bad%20id', '/streams/filing-1']) {
        const r = await s.call('GET', path);
        expect(r.status, path).toBe(400);
        expect(r.body.error.issues[0]?.path).toEqual(['streamId']);
      }
      expect(await countEvents(s.inner)).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('403: a role that may not run the command', async () => {
    const s = await serverWith({ clock });
    try {
      expect((await s.call('POST', '/commands', submit('application-403', 'c-403-1'))).status).toBe(200);
      const r = await s.call('POST', '/commands', {
        type: 'AcceptApplication',
        streamId: 'application-403',
        actor: school,
        commandId: 'c-403-2',
      });
      expect(r).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    } finally {
      await s.close();
    }
  });

  it('404: a command or a query on a stream that has no events', async () => {
    const s = await serverWith({ clock });
    try {
      const r = await s.call('POST', '/commands', {
        type: 'AcceptApplication',
        streamId: 'application-missing',
        actor: centre,
        commandId: 'c-404',
      });
      expect(r).toMatchObject({
        status: 404,
        body: { error: { code: 'NOT_FOUND', what: 'stream', id: 'application-missing' } },
      });
      expect((await s.call('GET', '/streams/application-missing')).body.error).toMatchObject({
        code: 'NOT_FOUND',
        id: 'application-missing',
      });
      expect(await countEvents(s.inner)).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('409: a commandId used again for another command, a stream that moved on, a command the state does not take', async () => {
    const s = await serverWith({ clock });
    try {
      expect((await s.call('POST', '/commands', submit('application-409', 'c-409'))).status).toBe(200);
      const accept = (commandId: string) => ({
        type: 'AcceptApplication',
        streamId: 'application-409',
        actor: centre,
        commandId,
      });
      s.faults.failure = new IdempotencyConflictError('c-409', 'f'.repeat(64), '0'.repeat(64));
      expect(await s.call('POST', '/commands', accept('c-409-1'))).toMatchObject({
        status: 409,
        body: { error: { code: 'IDEMPOTENCY_CONFLICT', commandId: 'c-409' } },
      });
      s.faults.failure = new ConcurrencyError('application-409', 1, 2);
      expect(await s.call('POST', '/commands', accept('c-409-2'))).toMatchObject({
        status: 409,
        body: { error: { code: 'CONCURRENCY', streamId: 'application-409' } },
      });
      s.faults.failure = undefined;

      const early = await s.call('POST', '/commands', {
        type: 'CompleteFiling',
        streamId: 'application-409',
        actor: centre,
        commandId: 'c-409-3',
      });
      expect(early).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
      expect((await s.call('GET', '/streams/application-409')).body.version).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('422: a rule that refuses, and a date past the years the calendar covers', async () => {
    const s = await serverWith({ clock });
    try {
      const refused = await s.call(
        'POST',
        '/commands',
        submit('application-422', 'c-422', { ...profile(false), rulePack: 'shandong' }),
      );
      expect(refused.status).toBe(200); // an ineligible application is recorded with its decision
      expect(refused.body.decision.outcome).toBe('ineligible');
      const r = await s.call('POST', '/commands', {
        type: 'AcceptApplication',
        streamId: 'application-422',
        actor: centre,
        commandId: 'c-422-2',
      });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({
        code: 'RULE_VIOLATION',
        findings: expect.arrayContaining([
          expect.objectContaining({ cite: expect.objectContaining({ document: '鲁人社字〔2020〕50号' }) }),
        ]),
      });
    } finally {
      await s.close();
    }
    // The test pack has a 10-working-day acceptance deadline; from 2028-12-20 it reaches 2029, past the
    // provisional years: GET /deadlines lists it as uncovered, but the acceptance it constrains is refused.
    let now = new Date('2028-12-20T10:00:00+08:00');
    const late = await serverWith({ pack: testRulePack, clock: () => now });
    try {
      const submitted = await late.call('POST', '/commands', {
        type: 'SubmitApplication',
        streamId: 'application-late',
        actor: school,
        commandId: 'c-late',
        payload: { ...testProfile(), rulePack: 'test-pack' },
      });
      expect(submitted.status).toBe(200);
      now = new Date('2028-12-21T10:00:00+08:00');
      const r = await late.call('POST', '/commands', {
        type: 'AcceptApplication',
        streamId: 'application-late',
        actor: centre,
        commandId: 'c-late-2',
      });
      expect(r).toMatchObject({ status: 422, body: { error: { code: 'CALENDAR_COVERAGE', year: 2029 } } });
    } finally {
      await late.close();
    }
  });

  it('503: the store is unreachable; the body says whether the write may have happened, Retry-After says when to retry', async () => {
    const s = await serverWith({ clock });
    try {
      s.faults.failure = new StoreUnavailableError('append', 'unknown', { driverCode: 'ECONNRESET' });
      const r = await s.call('POST', '/commands', submit('application-503', 'c-503'));
      expect(r).toMatchObject({
        status: 503,
        retryAfter: '1',
        body: { error: { code: 'STORE_UNAVAILABLE', outcome: 'unknown' } },
      });
      s.faults.failure = undefined;
      expect((await s.call('POST', '/commands', submit('application-503', 'c-503'))).status).toBe(200); // the retry with the same commandId
    } finally {
      await s.close();
    }
  });

  it('500: a damaged store, and anything that is not a certflow error, without its details', async () => {
    let broken = false;
    const s = await serverWith({
      clock: () => {
        if (broken) throw new TypeError('boom'); // a host's clock that fails: not a certflow error
        return clock();
      },
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (e: unknown) => void errors.push(e);
    try {
      s.faults.failure = new CorruptStoreError('events.sqlite', 'page checksum mismatch', { position: 7 });
      expect(await s.call('POST', '/commands', submit('application-500', 'c-500'))).toMatchObject({
        status: 500,
        body: { error: { code: 'CORRUPT_STORE' } },
      });
      // A raw error from the store is the engine's StoreUnavailableError (the write may have happened): 503.
      s.faults.failure = new TypeError('boom');
      expect(await s.call('POST', '/commands', submit('application-500', 'c-500-2'))).toMatchObject({
        status: 503,
        body: { error: { code: 'STORE_UNAVAILABLE', outcome: 'unknown' } },
      });
      s.faults.failure = undefined;
      broken = true;
      const r = await s.call('POST', '/commands', submit('application-500', 'c-500-3'));
      expect(r).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } });
      expect(JSON.stringify(r.body)).not.toContain('boom');
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
      await s.close();
    }
  });
});

describe('statusOf, for the errors added since', () => {
  it('maps idempotency conflicts, store outages, damaged stores and calendar coverage', () => {
    let coverage: unknown;
    try {
      createChinaCalendar().isWorkday('2040-03-01');
    } catch (e) {
      coverage = e;
    }
    expect(coverage).toBeInstanceOf(CalendarCoverageError);
    expect(statusOf(coverage)).toBe(422);
    expect(statusOf(new IdempotencyConflictError('c-1', 'a', 'b'))).toBe(409);
    expect(statusOf(new StoreUnavailableError('append', 'not-written'))).toBe(503);
    expect(statusOf(new CorruptStoreError('x.sqlite', 'truncated'))).toBe(500);
    expect(statusOf(new NotFoundError('stream', 'application-x'))).toBe(404);
    expect(statusOf(new ProvisionalCalendarError('plan-filed', 'FileExamPlan', '2027-01-04', [2027]))).toBe(409);
  });
});
