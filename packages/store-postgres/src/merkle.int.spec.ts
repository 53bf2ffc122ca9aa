import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  MerkleTree,
  createEngine,
  eventLeafHash,
  generateNoteKey,
  noteSigner,
  verifyConsistency,
  verifyInclusion,
  verifyProofBundle,
  type Command,
  type EventStore,
} from '@certflow/core';
import { testCalendar, testRulePack } from '@certflow/core/testing';
import { ISSUED } from '../../core/src/engine/scenario.fixtures.js';
import { createAuditorRole } from './testing/auditorRole.js';
import { describeTransparencyConformance, testEvents } from '@certflow/core/testing';
import { postgresStore, postgresStoreWithHooks } from './postgresStore.js';
import { spawnWorker } from './testing/processFixture.js';
import { MIGRATIONS } from './schema.js';
import { EXTEND_STEP, STORED_LEVEL, postgresTransparency } from './merkle.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

const { skip } = await postgresForTests();
const loadWorker = fileURLToPath(new URL('./testing/loadWorker.ts', import.meta.url));
const hex = (h: Uint8Array) => Buffer.from(h).toString('hex');

async function rebuilt(store: EventStore): Promise<MerkleTree> {
  const tree = new MerkleTree();
  for await (const e of store.readAll()) tree.append(eventLeafHash(e.hash));
  return tree;
}

describe.skipIf(skip)('postgresStore Merkle tree', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));
  const fresh = (label: string) => {
    const schema = testSchemaName(label);
    schemas.push(schema);
    return schema;
  };

  describeTransparencyConformance('postgresStore', () =>
    postgresStore({ connectionString: PG_URL, schema: fresh('tree'), pool: { max: 12 } }),
  );

  it('answers every tree question read-only as a SELECT-only role, adding what the stored tree lacks in memory and writing nothing', async () => {
    const schema = fresh('treero');
    const writer = postgresStore({ connectionString: PG_URL, schema });
    for (let i = 0; i < 6; i++)
      await writer.append(`application-ro${i}`, testEvents(7), { expectedVersion: 'no-stream' });
    const all: { position: number; hash: string }[] = [];
    for await (const e of writer.readAll()) all.push(e);
    const tree = new MerkleTree();
    for (const e of all) tree.append(eventLeafHash(e.hash));
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const stored = async () =>
      (
        await admin.query(
          `SELECT size::int AS size, (SELECT count(*)::int FROM "${schema}".tree_nodes) AS nodes FROM "${schema}".tree_head`,
        )
      ).rows[0];
    const before = await stored();
    // the last append's own events wait for the next append or tree question to be added
    expect(before.size).toBeLessThan(all.length);
    const auditor = await createAuditorRole(schema);
    const ro = postgresStore({ connectionString: auditor.url, schema, readOnly: true });
    try {
      expect(await ro.transparency.size()).toBe(all.length);
      expect(hex(await ro.transparency.root())).toBe(hex(tree.root()));
      const last = all[all.length - 1]!;
      const leaf = (await ro.transparency.leafIndexOf(last.position))!;
      expect(leaf).toBe(all.length - 1);
      expect(
        verifyInclusion(
          eventLeafHash(last.hash),
          leaf,
          all.length,
          await ro.transparency.inclusionProof(leaf),
          tree.root(),
        ),
      ).toBe(true);
      const old = before.size as number;
      expect(
        verifyConsistency(old, all.length, await ro.transparency.consistencyProof(old), tree.root(old), tree.root()),
      ).toBe(true);
      expect(await stored()).toEqual(before);
      // once a writer catches the stored tree up, the reader answers from it alike
      expect(await writer.transparency.size()).toBe(all.length);
      await writer.append('application-ro-late', testEvents(3), { expectedVersion: 'no-stream' });
      const late: { hash: string }[] = [];
      for await (const e of writer.readAll({ fromPosition: last.position + 1 })) late.push(e);
      for (const e of late) tree.append(eventLeafHash(e.hash));
      expect(await ro.transparency.size()).toBe(tree.size);
      expect(hex(await ro.transparency.root())).toBe(hex(tree.root()));
    } finally {
      await ro.close();
      await writer.close();
      await admin.end();
      await auditor.drop();
    }
  });

  it('gives IssueCertificates receipts whose bundles verify, though the tree covers the certificates only once asked', async () => {
    const store = postgresStore({ connectionString: PG_URL, schema: fresh('treereceipts') });
    const key = generateNoteKey('certflow.test/pg-receipts');
    let now = new Date('2020-06-01T09:00:00+08:00');
    const engine = createEngine({
      store,
      rulePacks: [testRulePack],
      calendar: testCalendar(),
      clock: () => now,
      receipts: { signer: noteSigner(key.skey) },
    });
    let last: Awaited<ReturnType<typeof engine.execute>> | undefined;
    for (const { at, ...c } of ISSUED) {
      if (at) now = new Date(at);
      last = await engine.execute(c as Command);
    }
    const receipts = await last!.receipts!();
    expect(receipts.length).toBe(2);
    for (const r of receipts) {
      const { event, checkpoint } = verifyProofBundle(JSON.parse(JSON.stringify(r.signed)), key.vkey);
      expect(event.streamId).toBe(`certificate-${r.number}`);
      expect(checkpoint.size).toBe(await store.transparency.size());
    }
    await store.close();
  });

  it('answers a proof or a root in one statement, equal to the several-statement answer and to a rebuild, for every leaf of random sizes', async () => {
    const schema = fresh('treeone');
    const store = postgresStore({ connectionString: PG_URL, schema });
    const pool = new pg.Pool({ connectionString: PG_URL, max: 2 });
    let statements = 0;
    const query = async <R extends object>(text: string, values?: unknown[], name?: string) => {
      statements++;
      return (await pool.query<R>({ text, values, ...(name ? { name } : {}) })).rows;
    };
    const one = postgresTransparency(query, schema);
    const several = postgresTransparency(query, schema, { multiStatement: true });
    const readOnly = postgresTransparency(query, schema, { readOnly: true });
    /** The hashes `ask` answers, and how many statements it took. */
    const counted = async (ask: () => Promise<Uint8Array[]>) => {
      statements = 0;
      const hashes = (await ask()).map(hex);
      return { hashes, statements };
    };
    let seed = 20261201;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      for (let round = 0; round < 7; round++) {
        for (let a = 0, appends = 1 + random(4); a < appends; a++) {
          // now and then a position no event will have (an append rolled back after taking it): a gap row
          if (random(3) === 0) await admin.query(`SELECT nextval('"${schema}".event_position')`);
          await store.append(`application-one${round}-${a}`, testEvents(1 + random(12)), {
            expectedVersion: 'no-stream',
          });
        }
        const tree = await rebuilt(store);
        const n = tree.size;
        const proof = (leaf: number, size = n) => tree.inclusionProof(leaf, size).map(hex);
        const consistency = (m: number, size = n) => tree.consistencyProof(m, size).map(hex);
        for (let leaf = 0; leaf < n; leaf++) {
          // at the tree's size now (the statement chooses the nodes), and at a size given
          expect(await counted(() => one.inclusionProof(leaf))).toEqual({ hashes: proof(leaf), statements: 1 });
          expect((await several.inclusionProof(leaf)).map(hex)).toEqual(proof(leaf));
          const size = leaf + 1 + random(n - leaf);
          expect(await counted(() => one.inclusionProof(leaf, size))).toEqual({
            hashes: proof(leaf, size),
            statements: 1,
          });
          expect(await counted(() => readOnly.inclusionProof(leaf))).toEqual({ hashes: proof(leaf), statements: 1 });
          expect(await counted(() => one.consistencyProof(leaf))).toEqual({ hashes: consistency(leaf), statements: 1 });
          expect((await several.consistencyProof(leaf)).map(hex)).toEqual(consistency(leaf));
          const newSize = leaf + random(n - leaf + 1);
          expect(await counted(() => one.consistencyProof(leaf, newSize))).toEqual({
            hashes: consistency(leaf, newSize),
            statements: 1,
          });
        }
        expect(await counted(async () => [await one.root()])).toEqual({ hashes: [hex(tree.root())], statements: 1 });
        const older = random(n + 1);
        expect(hex(await one.root(older))).toBe(hex(tree.root(older)));
        await expect(one.inclusionProof(n)).rejects.toThrow(/not in a tree of/);
        await expect(one.inclusionProof(0, n + 1)).rejects.toThrow(/leaves, not/);
        await expect(one.consistencyProof(n + 1)).rejects.toThrow(/no consistency proof/);
      }
      // the tree covered leaves past its head in every round: the last appends wait for the next extension
      const head = (await admin.query(`SELECT size::int AS size FROM "${schema}".tree_head`)).rows[0].size as number;
      expect(head).toBeGreaterThan(2 * 2 ** STORED_LEVEL);
    } finally {
      await admin.end();
      await pool.end();
      await store.close();
    }
  }, 180_000);

  it('reads an upper stored node once: a second proof of a leaf reads no stored node, and its answer is still a rebuild', async () => {
    const schema = fresh('treeknown');
    const store = postgresStore({ connectionString: PG_URL, schema });
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    let nodeRows = 0;
    const query = async <R extends object>(text: string, values?: unknown[], name?: string) => {
      const rows = (await pool.query<R & { kind?: number }>({ text, values, ...(name ? { name } : {}) })).rows;
      nodeRows += rows.filter((r) => r.kind === 1).length;
      return rows;
    };
    try {
      // 40 × 12 = 480 leaves: stored nodes at levels 4 to 8
      for (let i = 0; i < 40; i++)
        await store.append(`application-known${i}`, testEvents(12), { expectedVersion: 'no-stream' });
      await store.transparency.size(); // the stored tree extended to every committed event
      const tree = await rebuilt(store);
      const log = postgresTransparency(query, schema);
      const read = async (ask: () => Promise<Uint8Array[]>) => {
        nodeRows = 0;
        const hashes = (await ask()).map(hex);
        return { hashes, nodeRows };
      };
      for (const leaf of [5, 200, 479]) {
        const proof = tree.inclusionProof(leaf).map(hex);
        const first = await read(() => log.inclusionProof(leaf));
        expect(first.hashes).toEqual(proof);
        expect(await read(() => log.inclusionProof(leaf))).toEqual({ hashes: proof, nodeRows: 0 });
      }
      // a consistency proof reads the path's ancestors too, once
      const consistency = tree.consistencyProof(300).map(hex);
      expect((await read(() => log.consistencyProof(300))).hashes).toEqual(consistency);
      expect(await read(() => log.consistencyProof(300))).toEqual({ hashes: consistency, nodeRows: 0 });
    } finally {
      await pool.end();
      await store.close();
    }
  });

  it('stays equal to a rebuild when four processes append at once', async () => {
    const schema = fresh('treeload');
    const store = postgresStore({ connectionString: PG_URL, schema });
    await store.streamVersion('x'); // migrate before the workers race
    const streams = ['application-s1', 'application-s2', 'exam-s3'];
    const workers = [1, 2, 3, 4].map((id) =>
      spawnWorker(loadWorker, [PG_URL, schema, `w${id}`, streams.join(','), '40']),
    );
    const ends = await Promise.all(workers.map((w) => w.done));
    for (const e of ends) expect(e.code, e.stderr).toBe(0);
    const tree = await rebuilt(store);
    expect(await store.transparency.size()).toBe(tree.size);
    expect(hex(await store.transparency.root())).toBe(hex(tree.root()));
    await store.close();
  }, 180_000);

  it('migrates a schema whose tree was written by migration 4: the frontier is loaded from the stored nodes, and the tree stays a rebuild', async () => {
    const schema = fresh('treemig');
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      // the schema as a release with migrations 1–4 leaves it, its tree extended by migration 4's extend_tree
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.query(
        `CREATE TABLE "${schema}".migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      for (const m of MIGRATIONS.filter((m) => m.version <= 4)) {
        await admin.query(m.sql(schema));
        await admin.query(`INSERT INTO "${schema}".migrations (version, description) VALUES ($1, $2)`, [
          m.version,
          m.description,
        ]);
      }
      const meta =
        '{"actor":{"id":"a","role":"city-center"},"at":"2020-06-01T09:00:00+08:00","commandId":"c","correlationId":"k"}';
      for (let i = 0; i < 11; i++) {
        await admin.query(
          `SELECT * FROM "${schema}".append_batch($1, $2, NULL, ARRAY['ScoreRecorded'], '"ScoreRecorded"', $3, $4)`,
          [`application-m${i}`, JSON.stringify(`application-m${i}`), `{"seq":${i}}`, meta],
        );
        await admin.query(`SELECT "${schema}".extend_tree(64, true)`);
      }
      const old = await admin
        .query(`SELECT size::int AS size, frontier IS NULL AS unset FROM "${schema}".tree_head`)
        .catch(() => undefined);
      expect(old).toBeUndefined(); // no frontier column before migration 6
      const store = postgresStore({ connectionString: PG_URL, schema });
      expect(await store.transparency.size()).toBe(11);
      for (let i = 0; i < 5; i++)
        await store.append(`application-n${i}`, testEvents(3), { expectedVersion: 'no-stream' });
      const tree = await rebuilt(store);
      expect(await store.transparency.size()).toBe(26);
      expect(hex(await store.transparency.root())).toBe(hex(tree.root()));
      const head = (
        await admin.query(`SELECT size::int AS size, cardinality(frontier)::int AS parts FROM "${schema}".tree_head`)
      ).rows[0];
      expect(head).toEqual({ size: 26, parts: 3 }); // 26 = 16 + 8 + 2
      const first = (await store.readStream('application-m0'))[0]!;
      expect(
        verifyInclusion(eventLeafHash(first.hash), 0, 26, await store.transparency.inclusionProof(0, 26), tree.root()),
      ).toBe(true);
      expect((await admin.query(`SELECT max(version)::int AS v FROM "${schema}".migrations`)).rows[0].v).toBe(
        MIGRATIONS[MIGRATIONS.length - 1]!.version,
      );
      await store.close();
    } finally {
      await admin.end();
    }
  });

  it('migrates a tree of migration 6 (leaf rows, every node) with a skipped position to gap rows and nodes from the stored level up, and it stays a rebuild', async () => {
    const schema = fresh('treemig6');
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.query(
        `CREATE TABLE "${schema}".migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      for (const m of MIGRATIONS.filter((m) => m.version <= 6)) {
        await admin.query(m.sql(schema));
        await admin.query(`INSERT INTO "${schema}".migrations (version, description) VALUES ($1, $2)`, [
          m.version,
          m.description,
        ]);
      }
      const meta =
        '{"actor":{"id":"a","role":"city-center"},"at":"2020-06-01T09:00:00+08:00","commandId":"c","correlationId":"k"}';
      for (let i = 0; i < 40; i++) {
        // an append rolled back after taking its position: position 21 is never used
        if (i === 20) await admin.query(`SELECT nextval('"${schema}".event_position')`);
        await admin.query(
          `SELECT * FROM "${schema}".append_batch($1, $2, NULL, ARRAY['ScoreRecorded'], '"ScoreRecorded"', $3, $4)`,
          [`application-g${i}`, JSON.stringify(`application-g${i}`), `{"seq":${i}}`, meta],
        );
        await admin.query(`SELECT "${schema}".extend_tree(64, true)`);
      }
      expect((await admin.query(`SELECT count(*)::int AS n FROM "${schema}".tree_leaves`)).rows[0].n).toBe(40); // one row per event
      const store = postgresStore({ connectionString: PG_URL, schema });
      expect(await store.transparency.size()).toBe(40);
      const tree = await rebuilt(store);
      expect(hex(await store.transparency.root())).toBe(hex(tree.root()));
      const tables = (
        await admin.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'tree_%' ORDER BY 1`,
          [schema],
        )
      ).rows;
      expect(tables.map((r) => r.table_name)).toEqual(['tree_gaps', 'tree_head', 'tree_nodes']);
      expect((await admin.query(`SELECT leaf::int, delta::int FROM "${schema}".tree_gaps ORDER BY leaf`)).rows).toEqual(
        [{ leaf: 20, delta: 2 }],
      );
      expect((await admin.query(`SELECT min(level)::int AS l FROM "${schema}".tree_nodes`)).rows[0].l).toBe(
        STORED_LEVEL,
      );
      const events: { position: number; hash: string }[] = [];
      for await (const e of store.readAll()) events.push(e);
      for (const leaf of [0, 19, 20, 21, 39]) {
        expect(await store.transparency.leafIndexOf(events[leaf]!.position)).toBe(leaf);
        expect(
          verifyInclusion(
            eventLeafHash(events[leaf]!.hash),
            leaf,
            40,
            await store.transparency.inclusionProof(leaf, 40),
            tree.root(),
          ),
        ).toBe(true);
      }
      expect(await store.transparency.leafIndexOf(21)).toBeUndefined();
      for (let i = 0; i < 4; i++)
        await store.append(`application-h${i}`, testEvents(9), { expectedVersion: 'no-stream' });
      const grown = await rebuilt(store);
      expect(await store.transparency.size()).toBe(76);
      expect(hex(await store.transparency.root())).toBe(hex(grown.root()));
      expect(
        verifyConsistency(40, 76, await store.transparency.consistencyProof(40, 76), tree.root(), grown.root()),
      ).toBe(true);
      await store.close();
    } finally {
      await admin.end();
    }
  });

  it('stores no row per event: nodes from the stored level up, a gap row per skipped position, and a head written with them', async () => {
    const schema = fresh('treerows');
    const store = postgresStore({ connectionString: PG_URL, schema });
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const count = (table: string) =>
        admin.query(`SELECT count(*)::int AS n FROM "${schema}".${table}`).then((r) => r.rows[0].n as number);
      const head = () =>
        admin.query(`SELECT size::int AS size FROM "${schema}".tree_head`).then((r) => r.rows[0].size as number);
      for (let i = 0; i < 2 ** STORED_LEVEL - 1; i++)
        await store.append(`application-r${i}`, testEvents(1), { expectedVersion: 'no-stream' });
      // a tree of fewer leaves than a stored node: nothing stored, though every leaf is there
      expect(await store.transparency.size()).toBe(2 ** STORED_LEVEL - 1);
      expect([await count('tree_nodes'), await count('tree_gaps'), await head()]).toEqual([0, 0, 0]);
      await store.append('application-r-last', testEvents(1), { expectedVersion: 'no-stream' });
      expect(await store.transparency.size()).toBe(2 ** STORED_LEVEL);
      expect([await count('tree_nodes'), await count('tree_gaps'), await head()]).toEqual([1, 0, 2 ** STORED_LEVEL]);
      await admin.query(`SELECT nextval('"${schema}".event_position')`); // a position no event will have
      await store.append('application-r-after-gap', testEvents(3), { expectedVersion: 'no-stream' });
      expect(await store.transparency.size()).toBe(2 ** STORED_LEVEL + 3);
      expect([await count('tree_nodes'), await count('tree_gaps'), await head()]).toEqual([
        1,
        1,
        2 ** STORED_LEVEL + 3,
      ]);
      expect(hex(await store.transparency.root())).toBe(hex((await rebuilt(store)).root()));
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('has appends extend the stored tree every few positions, with what was committed before them, and questions add the rest', async () => {
    const schema = fresh('treestep');
    const store = postgresStore({ connectionString: PG_URL, schema });
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const count = 3 * EXTEND_STEP + 2;
      for (let i = 0; i < count; i++)
        await store.append(`application-st${i}`, testEvents(1), { expectedVersion: 'no-stream' });
      const storedSize = async () =>
        (await admin.query(`SELECT size::int AS size FROM "${schema}".tree_head`)).rows[0].size as number;
      // the last append whose positions reached a multiple of the step (position 3·step) added what was
      // committed before it, up to position 3·step − 1, and stored it, as it completed stored nodes;
      // no question was asked yet
      expect(await storedSize()).toBe(Math.floor(count / EXTEND_STEP) * EXTEND_STEP - 1);
      expect(await store.transparency.size()).toBe(count);
      expect(await storedSize()).toBe(count);
      await store.append('application-st-batch', testEvents(EXTEND_STEP + 1), { expectedVersion: 'no-stream' });
      const tree = await rebuilt(store);
      expect(hex(await store.transparency.root())).toBe(hex(tree.root()));
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('adds no leaf past a transaction still open, so leaves follow positions even when commits do not', async () => {
    const schema = fresh('treeorder');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const atCommit = new Promise<void>((r) => (reached = r));
    const slow = postgresStoreWithHooks(
      { connectionString: PG_URL, schema },
      {
        async afterReserve(streamId) {
          if (streamId !== 'application-late') return;
          reached();
          await held;
        },
      },
    );
    const fast = postgresStore({ connectionString: PG_URL, schema });
    await fast.append('application-a', testEvents(2), { expectedVersion: 'no-stream' });
    const late = slow.append('application-late', testEvents(1), { expectedVersion: 'no-stream' });
    await atCommit;
    const after = await fast.append('application-b', testEvents(3), { expectedVersion: 'no-stream' });
    // position 3 is still open: the tree covers at most positions 1–2, though 4–6 are committed
    expect(await fast.transparency.size()).toBeLessThanOrEqual(2);
    expect(await fast.transparency.leafIndexOf(after.events[0]!.position)).toBeUndefined();
    release();
    const lateResult = await late;
    expect(await fast.transparency.size()).toBe(6);
    expect(await fast.transparency.leafIndexOf(lateResult.events[0]!.position)).toBe(2);
    expect(hex(await fast.transparency.root())).toBe(hex((await rebuilt(fast)).root()));
    await slow.close();
    await fast.close();
  }, 60_000);
});
