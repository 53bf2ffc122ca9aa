import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CertificateRegistry, FilingCatalog, OpenDeadlines, verifyLog, type StoredEvent } from '@certflow/core';
import { testCalendar, testRulePack } from '@certflow/core/testing';
import {
  CENTRE,
  ORG1,
  examWithCertificates,
  fileOrganization,
  runStory,
  storyEngine,
} from '../../core/src/readModels/readModels.fixtures.js';
import type { Ack } from '../../core/src/readModels/engineWorkload.fixtures.js';
import { sqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-readmodels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `readmodels-${++n}.db`);
const repoRoot = resolve(import.meta.dirname, '../../..');
const worker = resolve(import.meta.dirname, 'fixtures/engineWorker.ts');

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

describe('read models on sqliteStore', () => {
  it('follow the story live: a suspended filing in the catalog, a revoked certificate in the registry, deadlines as the engine lists them', async () => {
    const store = sqliteStore({ file: fresh(), pollIntervalMs: 20 });
    const catalog = new FilingCatalog(store, { rulePacks: [testRulePack] });
    const registry = new CertificateRegistry(store);
    const board = new OpenDeadlines(store, { rulePacks: [testRulePack], calendar: testCalendar() });
    await Promise.all([catalog.start(), registry.start(), board.start()]);
    const s = storyEngine(store);
    const numbers = await (async () => {
      await fileOrganization(s, 'application-a1', ORG1);
      return examWithCertificates(s, 'application-a1', 'exam-e1', ORG1);
    })();
    await Promise.all([catalog.waitUntilCaughtUp(), registry.waitUntilCaughtUp()]);
    expect(catalog.get('application-a1')?.status).toBe('active');
    expect(registry.lookup(numbers[0]!)?.status).toBe('valid');

    s.at('2020-07-01T09:00:00+08:00');
    await s.engine.applications.suspend({
      streamId: 'application-a1',
      actor: CENTRE,
      payload: { reason: '质量督导发现问题' },
    });
    await s.engine.certificates.revoke({
      streamId: `certificate-${numbers[0]}`,
      actor: CENTRE,
      payload: { reason: '考试作弊' },
    });
    await Promise.all([catalog.waitUntilCaughtUp(), registry.waitUntilCaughtUp(), board.waitUntilCaughtUp()]);
    expect(catalog.get('application-a1')).toMatchObject({
      status: 'suspended',
      statusSince: '2020-07-01',
      statusReason: '质量督导发现问题',
    });
    expect(registry.lookup(numbers[0]!)).toMatchObject({
      status: 'revoked',
      revokedOn: '2020-07-01',
      revocationReason: '考试作弊',
    });
    expect(registry.lookup(numbers[1]!)?.status).toBe('valid');
    const now = new Date('2020-07-02T12:00:00+08:00');
    expect(board.list({ now })).toEqual(await s.engine.deadlines({ now }));
    await Promise.all([catalog.stop(), registry.stop(), board.stop()]);
    await store.close();
  });

  it('after a restart, a new store on the same file resumes each subscription from its checkpoint, and the in-memory state is rebuilt', async () => {
    const file = fresh();
    const first = sqliteStore({ file, pollIntervalMs: 20 });
    const registry1 = new CertificateRegistry(first);
    const catalog1 = new FilingCatalog(first, { rulePacks: [testRulePack] });
    await Promise.all([registry1.start(), catalog1.start()]);
    const { numbers } = await runStory(storyEngine(first));
    await Promise.all([registry1.waitUntilCaughtUp(), catalog1.waitUntilCaughtUp()]);
    const kept = JSON.stringify(registry1.snapshot());
    const headBefore = registry1.position;
    await Promise.all([registry1.stop(), catalog1.stop()]);
    await first.close();

    // The process is gone; another one opens the file and keeps working.
    const second = sqliteStore({ file, pollIntervalMs: 20 });
    const s = storyEngine(second);
    s.at('2020-07-08T09:00:00+08:00');
    await s.engine.applications.suspend({ streamId: 'application-a1', actor: CENTRE, payload: { reason: '复查' } });
    await s.engine.certificates.revoke({
      streamId: `certificate-${numbers[0]}`,
      actor: CENTRE,
      payload: { reason: '证书信息有误' },
    });
    const after = (await collect(second.readAll({ fromPosition: headBefore + 1 }))).map((e) => e.position);
    expect(after).toHaveLength(2);

    // The durable checkpoint: the catalog's subscription, reopened under its name, is handed only what followed it.
    const handed: number[] = [];
    const probe = second.subscribe({ name: 'readmodel-filing-catalog', handler: (e) => void handed.push(e.position) });
    await probe.waitUntilCaughtUp();
    await probe.stop();
    expect(handed).toEqual(after);

    // A fresh catalog (its memory lost with the process, its checkpoint now at the head) still rebuilds everything.
    const catalog2 = new FilingCatalog(second, { rulePacks: [testRulePack] });
    await catalog2.waitUntilCaughtUp();
    expect(catalog2.list().map((e) => [e.streamId, e.status, e.statusReason])).toEqual([
      ['application-a1', 'suspended', '复查'],
      ['application-a2', 'revoked', '弄虚作假'],
    ]);

    // A registry given the state it kept folds only the two new events, and ends where a rebuild from position 0 ends.
    const registry2 = new CertificateRegistry(second, { from: JSON.parse(kept) });
    await registry2.waitUntilCaughtUp();
    expect(registry2.applied).toBe(2);
    expect(registry2.lookup(numbers[0]!)).toMatchObject({ status: 'revoked', revocationReason: '证书信息有误' });
    const resumed = registry2.snapshot();
    const rebuilt = await registry2.rebuild();
    expect(rebuilt.events).toBe(after[1]);
    expect(registry2.snapshot()).toEqual(resumed);

    // Open deadlines rebuilt on the new instance list what the engine computes from the whole file.
    const board = new OpenDeadlines(second, { rulePacks: [testRulePack], calendar: testCalendar() });
    await board.waitUntilCaughtUp();
    const now = new Date('2020-07-09T12:00:00+08:00');
    expect(board.overdue(now).map((d) => [d.streamId, d.deadlineId])).toEqual([['application-a3', 'acceptance']]);
    expect(board.list({ now })).toEqual(await s.engine.deadlines({ now }));
    await Promise.all([registry2.stop(), catalog2.stop(), board.stop()]);
    await second.close();
  });

  it('four processes filing against a quota of 2 per occupation on one file never exceed it', {
    timeout: 120_000,
  }, async () => {
    const file = fresh();
    await sqliteStore({ file }).close(); // create the schema before the workers race to
    const occupations = ['6-18-01-01', '6-18-01-02'];
    const goFile = join(dir, `go-${n}`);
    const children = [1, 2, 3, 4].map((w) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', worker, file, String(w), '3', occupations.join(','), 'exam-shared-a', goFile],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      let ready: () => void;
      const isReady = new Promise<void>((res) => (ready = res));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('{"ready":true}')) ready();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const done = new Promise<{ code: number | null; messages: Record<string, unknown>[]; err: string }>((res) =>
        child.on('close', (code) =>
          res({
            code,
            err,
            messages: out
              .split('\n')
              .filter((l) => l.startsWith('{'))
              .map((l) => JSON.parse(l)),
          }),
        ),
      );
      return { isReady, done };
    });
    // Every worker submits its applications, then waits: the filings start everywhere at once, so they race.
    await Promise.all(
      children.map((c) =>
        Promise.race([
          c.isReady,
          c.done.then((r) => Promise.reject(new Error(`worker exited before it was ready: ${r.err}`))),
        ]),
      ),
    );
    writeFileSync(goFile, '');
    const results = await Promise.all(children.map((c) => c.done));
    for (const r of results) expect(r.code, r.err).toBe(0);
    const acks = results.flatMap((r) => r.messages.filter((m) => 'ack' in m).map((m) => m.ack as Ack));
    const refused = results.flatMap((r) =>
      r.messages.filter((m) => 'refused' in m).map((m) => m.refused as { code: string }),
    );

    const store = sqliteStore({ file });
    const all = await collect(store.readAll());
    await store.close();
    expect(verifyLog(all)).toMatchObject({ ok: true });
    const key = (streamId: string, v: { version: number; position: number }) =>
      `${streamId}#${v.version}@${v.position}`;
    expect(acks.flatMap((a) => a.events.map((e) => key(a.streamId, e))).sort()).toEqual(
      all
        .filter((e) => !e.streamId.startsWith('quota-'))
        .map((e) => key(e.streamId, e))
        .sort(),
    );
    for (const code of occupations) {
      const filed = all.filter(
        (e) => e.type === 'FilingCompleted' && (e.data as { scope: { code: string }[] }).scope[0]!.code === code,
      );
      expect(filed, code).toHaveLength(2);
    }
    expect(refused).toHaveLength(12 - 4);
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['RULE_VIOLATION']));
  });
});
