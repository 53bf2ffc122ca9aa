import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeEventHash,
  parseCheckpoint,
  parseNote,
  type EventStore,
  type JsonValue,
  type NewEvent,
  type StoredEvent,
  type TransparentEventStore,
} from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';
import { postgresStore } from '@certflow/store-postgres';
import {
  PG_URL,
  dropSchemas,
  postgresForTests,
  testSchemaName,
} from '../../../store-postgres/src/testing/pgTestEnv.js';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { tempDir } from '../testFixtures.js';
import {
  STORED_LEVEL as SQLITE_STORED_LEVEL,
  WRITE_LEVEL as SQLITE_WRITE_LEVEL,
} from '../../../store-sqlite/src/merkle.js';
import { STORED_LEVEL as PG_STORED_LEVEL } from '../../../store-postgres/src/merkle.js';

const { skip: noPostgres } = await postgresForTests();

const CERT_A = 'S1234370000012001234567'.slice(0, 22);
const CERT_B = 'S1234370000012005000001'.slice(0, 22);
const meta = (n: number): NewEvent['meta'] => ({
  at: `2020-09-0${1 + (n % 8)}T09:00:00+08:00`,
  actor: { id: 'jinan-org-001', role: 'applicant' },
  commandId: `c-${n}`,
  correlationId: 'transparency',
});
const ev = (type: string, data: NewEvent['data'], n: number): NewEvent => ({ type, data, meta: meta(n) });

/** A small log: an exam, two certificates, then more events after the checkpoint. */
async function writeLog(store: EventStore, phase: 'before' | 'after'): Promise<void> {
  if (phase === 'before') {
    await store.append(
      'exam-2020-001',
      [ev('ExamPlanned', { site: 'jinan' }, 1), ev('ResultsRecorded', { passed: 2 }, 2)],
      { expectedVersion: 'no-stream' },
    );
    await store.append(
      `certificate-${CERT_A}`,
      [ev('CertificateIssued', { number: CERT_A, holder: { name: '李四' } }, 3)],
      { expectedVersion: 'no-stream' },
    );
    await store.append(
      `certificate-${CERT_B}`,
      [ev('CertificateIssued', { number: CERT_B, holder: { name: '王五' } }, 4)],
      { expectedVersion: 'no-stream' },
    );
    await store.append(
      'application-jinan-001',
      [
        ev('ApplicationSubmitted', { n: 1 }, 5),
        ev('ApplicationAccepted', { n: 2 }, 6),
        ev('FilingCompleted', { n: 3 }, 7),
      ],
      {
        expectedVersion: 'no-stream',
      },
    );
  } else {
    await store.append('exam-2020-001', [ev('CertificatesIssued', { count: 2 }, 8)], { expectedVersion: 2 });
    await store.append('application-jinan-002', [ev('ApplicationSubmitted', { n: 4 }, 9)], {
      expectedVersion: 'no-stream',
    });
  }
}

/** What a forger with write access does after editing: recompute versions, chains and hashes of every stream. */
function reseal(events: StoredEvent[]): StoredEvent[] {
  const heads = new Map<string, { version: number; hash: string | null }>();
  return [...events]
    .sort((a, b) => a.position - b.position)
    .map((e) => {
      const head = heads.get(e.streamId) ?? { version: 0, hash: null };
      const sealed = { ...e, version: head.version + 1, prevHash: head.hash };
      const hash = computeEventHash(sealed);
      heads.set(e.streamId, { version: sealed.version, hash });
      return { ...sealed, hash };
    });
}

type Attack = (events: StoredEvent[]) => StoredEvent[];
const byPosition = (events: StoredEvent[]) => [...events].sort((a, b) => a.position - b.position);
const ATTACKS: Record<string, Attack> = {
  'an event changed and the rest of its stream recomputed': (events) =>
    reseal(events.map((e) => (e.streamId === 'exam-2020-001' && e.version === 2 ? { ...e, data: { passed: 3 } } : e))),
  "a stream's last events deleted": (events) =>
    reseal(events.filter((e) => !(e.streamId === 'application-jinan-001' && e.version >= 2))),
  'a whole stream deleted and the position gaps closed': (events) =>
    reseal(
      byPosition(events.filter((e) => e.streamId !== `certificate-${CERT_B}`)).map((e, i) => ({
        ...e,
        position: i + 1,
      })),
    ),
  "two certificates' holders swapped": (events) => {
    const holder = (n: string) =>
      (events.find((e) => e.streamId === `certificate-${n}`)!.data as { holder: JsonValue }).holder;
    const [a, b] = [holder(CERT_A), holder(CERT_B)];
    return reseal(
      events.map((e) =>
        e.streamId === `certificate-${CERT_A}`
          ? { ...e, data: { ...(e.data as object), holder: b } }
          : e.streamId === `certificate-${CERT_B}`
            ? { ...e, data: { ...(e.data as object), holder: a } }
            : e,
      ),
    );
  },
  'a forged, correctly chained event inserted before the checkpoint': (events) => {
    const sorted = byPosition(events);
    const at = 3; // after the exam's events, before the certificates
    const forged: StoredEvent = {
      ...sorted[0]!,
      streamId: 'certificate-S12343700000120099999',
      version: 1,
      type: 'CertificateIssued',
      data: { holder: { name: '赵六' } },
      position: at,
    };
    return reseal([
      ...sorted.slice(0, at - 1),
      forged,
      ...sorted.slice(at - 1).map((e) => ({ ...e, position: e.position + 1 })),
    ]);
  },
};

async function cli(dir: string, args: string[]) {
  const io = bufferIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

interface Backend {
  name: string;
  skip: boolean;
  /** The lowest level of the tree nodes the store keeps (those below are computed from the events). */
  storedLevel: number;
  open(): Promise<{
    store: EventStore;
    source: string;
    rewrite(events: StoredEvent[]): Promise<void>;
    read(): Promise<StoredEvent[]>;
    reopen(): TransparentEventStore;
    tamperTree(level: number, idx: number): Promise<void>;
    done(): Promise<void>;
  }>;
}

const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    storedLevel: SQLITE_STORED_LEVEL,
    async open() {
      const file = join(tempDir(), 'log.db');
      const store = sqliteStore({ file });
      const read = async () => {
        const out: StoredEvent[] = [];
        for await (const e of store.readAll()) out.push(e);
        return out;
      };
      return {
        store,
        source: file,
        read,
        reopen: () => sqliteStore({ file, readOnly: true }),
        async tamperTree(level, idx) {
          const db = new Database(file);
          const { changes } = db
            .prepare('UPDATE certflow_tree_nodes SET hash = zeroblob(32) WHERE level = ? AND idx = ?')
            .run(level, idx);
          db.close();
          expect(changes, `stored node ${level}/${idx}`).toBe(1);
        },
        async rewrite(events) {
          await store.close();
          const db = new Database(file);
          db.transaction(() => {
            db.exec('DELETE FROM certflow_events');
            const put = db.prepare(
              'INSERT INTO certflow_events (position, stream_id, version, type, data, meta, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            );
            for (const e of events)
              put.run(
                e.position,
                e.streamId,
                e.version,
                e.type,
                JSON.stringify(e.data),
                JSON.stringify(e.meta),
                e.prevHash,
                e.hash,
              );
          })();
          db.close();
        },
        done: () => store.close(),
      };
    },
  },
  {
    name: 'PostgreSQL',
    skip: noPostgres,
    storedLevel: PG_STORED_LEVEL,
    async open() {
      const schema = testSchemaName('transparency');
      schemas.push(schema);
      const store = postgresStore({ connectionString: PG_URL, schema });
      const read = async () => {
        const out: StoredEvent[] = [];
        for await (const e of store.readAll()) out.push(e);
        return out;
      };
      return {
        store,
        source: `${PG_URL}?schema=${schema}`,
        read,
        reopen: () => postgresStore({ connectionString: PG_URL, schema }),
        async tamperTree(level, idx) {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          const { rowCount } = await client.query(
            `UPDATE "${schema}".tree_nodes SET hash = decode(repeat('00', 32), 'hex') WHERE level = $1 AND idx = $2`,
            [level, idx],
          );
          await client.end();
          expect(rowCount, `stored node ${level}/${idx}`).toBe(1);
        },
        async rewrite(events) {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query('BEGIN');
          await client.query(`DELETE FROM "${schema}".events`);
          for (const e of events) {
            await client.query(
              `INSERT INTO "${schema}".events (position, stream_id, version, type, data, meta, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
              [
                e.position,
                e.streamId,
                e.version,
                e.type,
                JSON.stringify(e.data),
                JSON.stringify(e.meta),
                e.prevHash,
                e.hash,
              ],
            );
          }
          await client.query('COMMIT');
          await client.end();
        },
        done: () => store.close(),
      };
    },
  },
];

describe('transparency commands', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    expect((await cli(dir, ['keygen', 'certflow.test/jinan', '--out', 'log'])).code).toBe(0);
    expect((await cli(dir, ['keygen', 'certflow.test/shandong-witness', '--out', 'witness', '--witness'])).code).toBe(
      0,
    );
  });

  it('keygen writes the note key formats and never overwrites', async () => {
    expect(readFileSync(join(dir, 'log.key'), 'utf8')).toMatch(/^PRIVATE\+KEY\+certflow\.test\/jinan\+[0-9a-f]{8}\+/);
    expect(readFileSync(join(dir, 'log.vkey'), 'utf8')).toMatch(/^certflow\.test\/jinan\+[0-9a-f]{8}\+/);
    expect((await cli(dir, ['keygen', 'certflow.test/jinan', '--out', 'log'])).code).toBe(2);
  });

  for (const backend of BACKENDS) {
    describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
      it('signs a checkpoint, proves a certificate, and the bundle verifies offline; a changed bundle does not', async () => {
        const log = await backend.open();
        await writeLog(log.store, 'before');
        const cp = await cli(dir, ['checkpoint', log.source, '--key', 'log.key']);
        expect(cp.code, cp.err).toBe(0);
        expect(cp.out).toMatch(/^certflow\.test\/jinan\n7\n[A-Za-z0-9+/]{43}=\n\n\u2014 certflow\.test\/jinan /);
        writeFileSync(join(dir, 'cp.txt'), cp.out);
        await writeLog(log.store, 'after');
        const proved = await cli(dir, ['prove', log.source, '--certificate', CERT_A, '--checkpoint', 'cp.txt']);
        expect(proved.code, proved.err).toBe(0);
        writeFileSync(join(dir, 'bundle.json'), proved.out);
        const ok = await cli(dir, ['verify-proof', 'bundle.json', '--vkey', 'log.vkey']);
        expect(ok.code, ok.err).toBe(0);
        expect(ok.out).toContain(
          `✔ certificate-${CERT_A} version 1 (CertificateIssued) is entry 2 of certflow.test/jinan, signed at 7 entries`,
        );
        const bundle = JSON.parse(proved.out);
        bundle.event.data.holder.name = '赵六';
        bundle.event.hash = computeEventHash(bundle.event);
        writeFileSync(join(dir, 'forged.json'), JSON.stringify(bundle));
        const bad = await cli(dir, ['verify-proof', 'forged.json', '--vkey', 'log.vkey']);
        expect(bad.code).toBe(1);
        expect(bad.err).toMatch(/inclusion proof does not verify/);
        await log.done();
      });

      it('verify --checkpoint passes an honest log that grew since, and each attack fails it though plain verify passes', async () => {
        for (const [attack, tamper] of [['none', (e: StoredEvent[]) => e] as const, ...Object.entries(ATTACKS)]) {
          const log = await backend.open();
          await writeLog(log.store, 'before');
          const cp = await cli(dir, ['checkpoint', log.source, '--key', 'log.key']);
          writeFileSync(join(dir, 'kept.txt'), cp.out);
          await writeLog(log.store, 'after');
          await log.rewrite(tamper(await log.read()));
          const plain = await cli(dir, ['verify', log.source]);
          expect(plain.code, `${attack}: plain verify passes the forger's work`).toBe(0);
          const checked = await cli(dir, ['verify', log.source, '--checkpoint', 'kept.txt', '--vkey', 'log.vkey']);
          if (attack === "two certificates' holders swapped") {
            // the store's own tree rows were left alone, but a tree this small has none: its nodes are computed from
            // the rewritten events, so the store's own root at the checkpoint's size is no longer the signed one either
            // (verify folds the events' leaves again, and would catch the rewrite with the rows intact as well)
            const reopened = log.reopen();
            expect(Buffer.from(await reopened.transparency.root(7)).toString('base64')).not.toBe(
              Buffer.from(parseCheckpoint(parseNote(cp.out).text).rootHash).toString('base64'),
            );
            await reopened.close();
          }
          if (attack === 'none') {
            expect(checked.code, checked.out).toBe(0);
            expect(checked.out).toContain('extends the checkpoint of 7 entries');
          } else {
            expect(checked.code, `${attack}: ${checked.out}`).toBe(1);
            expect(checked.out).toMatch(
              /no longer hash to the checkpoint's root|fewer than the 7 its checkpoint signed/,
            );
            // the summary counts the checkpoint's failure with the events' problems (none here)
            expect(checked.out).toMatch(/: 1 problem/);
          }
          await log.done().catch(() => undefined);
        }
      }, 120_000);

      it("verify --checkpoint of a checkpoint at N and 1,000 new events does O(new + log N) tree work past it, and checks the store's own tree", async () => {
        const log = await backend.open();
        const N = 3000;
        const batch = (from: number, count: number) =>
          Array.from({ length: count }, (_, i) => ev('ApplicationSubmitted', { n: from + i }, from + i));
        for (let i = 0; i < N; i += 500)
          await log.store.append(`application-bulk-${i}`, batch(i, 500), { expectedVersion: 'no-stream' });
        const cp = await cli(dir, ['checkpoint', log.source, '--key', 'log.key']);
        writeFileSync(join(dir, 'bulk.txt'), cp.out);
        for (let i = 0; i < 1000; i += 250)
          await log.store.append(`application-new-${i}`, batch(N + i, 250), { expectedVersion: 'no-stream' });
        const checked = await cli(dir, [
          'verify',
          log.source,
          '--checkpoint',
          'bulk.txt',
          '--vkey',
          'log.vkey',
          '--json',
        ]);
        expect(checked.code, checked.out).toBe(0);
        const { work, size, checkpointSize } = JSON.parse(checked.out).checkpoint;
        expect([checkpointSize, size]).toEqual([N, N + 1000]);
        const log2 = Math.ceil(Math.log2(N));
        expect(work.extensionHashes).toBeLessThanOrEqual(1000 + 3 * log2);
        expect(work.storeNodes).toBeGreaterThan(0);
        expect(work.storeNodes).toBeLessThanOrEqual(2 * log2);
        expect(work.leaves).toBe(N + 1000);
        await log.done();
      }, 60_000);

      it("verify --checkpoint says so when the store's own tree no longer matches its events", async () => {
        const log = await backend.open();
        await writeLog(log.store, 'before');
        writeFileSync(join(dir, 'tree-cp.txt'), (await cli(dir, ['checkpoint', log.source, '--key', 'log.key'])).out);
        await writeLog(log.store, 'after');
        // enough events for stored nodes: the stores keep subtrees of 2^STORED_LEVEL leaves and up (SQLite
        // writes them once a subtree of 2^WRITE_LEVEL leaves completes): 9 events, then up to 2^WRITE_LEVEL + 8
        const size = 2 ** SQLITE_WRITE_LEVEL + 8;
        await log.store.append(
          'application-jinan-bulk',
          Array.from({ length: size - 9 }, (_, i) => ev('ApplicationSubmitted', { n: 10 + i }, 10 + i)),
          { expectedVersion: 'no-stream' },
        );
        expect(await (log.store as TransparentEventStore).transparency.size()).toBe(size); // a writer's question stores what completed
        const reopened = log.reopen();
        expect(await reopened.transparency.size()).toBe(size);
        await reopened.close();
        const args = ['verify', log.source, '--checkpoint', 'tree-cp.txt', '--vkey', 'log.vkey'];
        expect((await cli(dir, args)).code).toBe(0);
        await log.tamperTree(backend.storedLevel, 1); // with a stored level of 4, leaves 16 to 31: a stored node of the consistency proof from 7
        const checked = await cli(dir, args);
        expect(checked.code).toBe(1);
        expect(checked.out).toContain("the store's Merkle tree does not match its events");
        // prove takes the inclusion proof from the store's tree (the node is on certificate A's path) and checks it against the events
        const proved = await cli(dir, ['prove', log.source, '--certificate', CERT_A, '--key', 'log.key']);
        expect(proved.code).toBe(1);
        expect(proved.err).toContain("the store's Merkle tree does not match its events");
        // checkpoint signs the root folded from the events only when the store's tree has it too
        expect((await cli(dir, ['checkpoint', log.source, '--key', 'log.key'])).code).toBe(0);
        await log.tamperTree(SQLITE_WRITE_LEVEL, 0); // leaves 0 to 2^WRITE_LEVEL - 1: a node of the root
        const signed = await cli(dir, ['checkpoint', log.source, '--key', 'log.key']);
        expect(signed.code).toBe(1);
        expect(signed.err).toContain("the store's Merkle tree does not match its events");
        expect(signed.out).toBe('');
        await log.done();
      });

      it('a witness cosigns a checkpoint that extends the last one, and refuses a fork, saying why', async () => {
        const log = await backend.open();
        await writeLog(log.store, 'before');
        writeFileSync(join(dir, 'w1.txt'), (await cli(dir, ['checkpoint', log.source, '--key', 'log.key'])).out);
        const args = [
          '--key',
          'witness.key',
          '--log-vkey',
          'log.vkey',
          '--state',
          `witness-${backend.name}.json`,
          '--source',
          log.source,
        ];
        const first = await cli(dir, ['witness', 'w1.txt', ...args]);
        expect(first.code, first.err).toBe(0);
        expect(first.out).toMatch(/\n\u2014 certflow\.test\/shandong-witness [A-Za-z0-9+/=]+\n$/);
        await writeLog(log.store, 'after');
        writeFileSync(join(dir, 'w2.txt'), (await cli(dir, ['checkpoint', log.source, '--key', 'log.key'])).out);
        expect((await cli(dir, ['witness', 'w2.txt', ...args])).code).toBe(0);
        // the city rewrites its history and signs the rewritten log: the province refuses
        await log.rewrite(ATTACKS["two certificates' holders swapped"]!(await log.read()));
        writeFileSync(join(dir, 'w3.txt'), (await cli(dir, ['checkpoint', log.source, '--key', 'log.key'])).out);
        const fork = await cli(dir, ['witness', 'w3.txt', ...args]);
        expect(fork.code).toBe(1);
        expect(fork.err).toMatch(/not cosigned: .*same size, different root hash/);
        await log.done().catch(() => undefined);
      }, 60_000);
    });
  }
});
