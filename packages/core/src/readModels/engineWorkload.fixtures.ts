// The engine workload the multi-process load tests of the stores run in each
// child process: applications filed against the test pack's quota (at most 2
// filings per occupation), ordinary appends to shared streams, and suspensions
// of what got filed. Every acknowledged command and append is reported.
import { existsSync } from 'node:fs';
import { CertflowError, ConcurrencyError, createEngine, type EventStore, type StoredEvent } from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';
import { CENTRE, uscc } from './readModels.fixtures.js';

export interface WorkloadOptions {
  store: EventStore;
  worker: number;
  /** Applications this worker submits. */
  applications: number;
  /** Occupation codes the applications spread over (each a quota bucket of 2). */
  occupations: string[];
  /** Shared streams the ordinary appends go to. */
  sharedStreams: string[];
  /** Resolves when every worker is ready: filings then start everywhere at once, so they contend. */
  go(): Promise<void>;
  emit(message: Record<string, unknown>): void;
}

export interface Ack {
  streamId: string;
  what: string;
  events: { type: string; version: number; position: number }[];
}

const brief = (events: StoredEvent[]) =>
  events.map((e) => ({ type: e.type, version: e.version, position: e.position }));

export async function runEngineWorkload(o: WorkloadOptions): Promise<void> {
  let now = new Date('2020-06-01T10:00:00+08:00');
  const engine = createEngine({
    store: o.store,
    rulePacks: [testRulePack],
    calendar: testCalendar(),
    clock: () => now,
    maxRetries: 50,
  });
  const actor = { id: `org-w${o.worker}`, role: 'applicant' as const };
  const ack = (a: Ack) => o.emit({ ack: a });
  let seq = 0;
  let retries = 0;

  const plainAppend = async () => {
    const streamId = o.sharedStreams[(o.worker + seq) % o.sharedStreams.length]!;
    const id = `w${o.worker}-${++seq}`;
    let expected = await o.store.streamVersion(streamId);
    for (;;) {
      try {
        const r = await o.store.append(
          streamId,
          [{ type: 'Noted', data: { id }, meta: { at: now.toISOString(), actor, commandId: id, correlationId: id } }],
          { expectedVersion: expected },
        );
        ack({ streamId, what: 'append', events: brief(r.events) });
        return;
      } catch (e) {
        if (!(e instanceof ConcurrencyError)) throw e;
        retries++;
        expected = e.actual;
      }
    }
  };

  const apps = Array.from({ length: o.applications }, (_, i) => ({
    streamId: `application-w${o.worker}-${i}`,
    occupation: o.occupations[(i + o.worker) % o.occupations.length]!,
    uscc: uscc(`52370100MJD${String(o.worker * 1000 + i).padStart(6, '0')}`),
  }));
  for (const a of apps) {
    now = new Date('2020-06-01T10:00:00+08:00');
    const profile = testProfile({ name: `评价机构 ${a.streamId}`, uscc: a.uscc, occupationCode: a.occupation });
    const submitted = await engine.applications.submit({
      streamId: a.streamId,
      actor,
      payload: { ...profile, rulePack: 'test-pack' },
    });
    ack({ streamId: a.streamId, what: 'SubmitApplication', events: brief(submitted.events) });
    await plainAppend();
    now = new Date('2020-06-02T10:00:00+08:00');
    ack({
      streamId: a.streamId,
      what: 'AcceptApplication',
      events: brief((await engine.applications.accept({ streamId: a.streamId, actor: CENTRE })).events),
    });
    now = new Date('2020-06-03T10:00:00+08:00');
    ack({
      streamId: a.streamId,
      what: 'StartPublicity',
      events: brief((await engine.applications.startPublicity({ streamId: a.streamId, actor: CENTRE })).events),
    });
  }

  o.emit({ ready: true });
  await o.go();
  now = new Date('2020-06-10T10:00:00+08:00');
  const filed: string[] = [];
  await Promise.all(
    apps.map(async (a) => {
      try {
        const r = await engine.applications.completeFiling({
          streamId: a.streamId,
          actor: CENTRE,
          payload: { organizationCode: '0001' },
        });
        ack({ streamId: a.streamId, what: 'CompleteFiling', events: brief(r.events) });
        filed.push(a.streamId);
      } catch (e) {
        o.emit({
          refused: {
            streamId: a.streamId,
            occupation: a.occupation,
            code: e instanceof CertflowError ? e.code : String(e),
          },
        });
      }
      await plainAppend();
    }),
  );
  now = new Date('2020-06-15T10:00:00+08:00');
  for (const streamId of filed) {
    ack({
      streamId,
      what: 'SuspendFiling',
      events: brief(
        (await engine.applications.suspend({ streamId, actor: CENTRE, payload: { reason: '抽查' } })).events,
      ),
    });
  }
  o.emit({ done: { retries, filed } });
}

/** In a worker: a `go` that resolves once the parent has created the file at `path`. */
export function goWhenFileExists(path: string): () => Promise<void> {
  return async () => {
    while (!existsSync(path)) await new Promise((r) => setTimeout(r, 5));
  };
}
