import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MerkleTree, eventLeafHash, verifyInclusion } from '@certflow/core';
import { describeTransparencyConformance, testEvents } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';
import { STORED_LEVEL, WRITE_LEVEL, treeStats } from './merkle.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-merkle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `tree-${++n}.db`);
const repoRoot = resolve(import.meta.dirname, '../../..');
const fixture = resolve(import.meta.dirname, 'fixtures/appender.ts');
const hex = (h: Uint8Array) => Buffer.from(h).toString('hex');

describeTransparencyConformance('sqliteStore (file)', () => sqliteStore({ file: fresh() }));
describeTransparencyConformance('sqliteStore (:memory:)', () => sqliteStore({ file: ':memory:' }));

function rebuild(file: string): MerkleTree {
  const db = new Database(file, { readonly: true });
  const tree = new MerkleTree();
  for (const [hash] of db.prepare('SELECT hash FROM certflow_events ORDER BY position').raw().iterate() as Iterable<
    [string]
  >) {
    tree.append(eventLeafHash(hash));
  }
  db.close();
  return tree;
}

describe('sqliteStore Merkle tree', () => {
  it('stays equal to a rebuild when several processes append to one file at once', async () => {
    const file = fresh();
    (await sqliteStore({ file })).close();
    const runs = Array.from({ length: 4 }, (_, w) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, file, 'contend', '15', `w${w}`], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      return new Promise<void>((res, rej) =>
        child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`appender ${w} exited ${code}: ${err}`)))),
      );
    });
    await Promise.all(runs);
    const store = sqliteStore({ file });
    expect(await store.transparency.size()).toBe(60);
    expect(hex(await store.transparency.root())).toBe(hex(rebuild(file).root()));
    await store.close();
  }, 120_000);

  it('builds the tree of a file written before the tree existed, and catches up with appends made without it', async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    await store.append('application-a', testEvents(5), { expectedVersion: 'no-stream' });
    await store.close();
    // a file of the release before the tree: drop its tables
    const raw = new Database(file);
    raw.exec('DROP TABLE certflow_tree_nodes; DROP TABLE certflow_tree_gaps; DROP TABLE certflow_tree_head;');
    raw.close();
    const reopened = sqliteStore({ file });
    expect(await reopened.transparency.size()).toBe(5);
    // an older process appends without the tree: the next append catches up first
    const older = new Database(file);
    const last = older
      .prepare('SELECT position, hash FROM certflow_events ORDER BY position DESC LIMIT 1')
      .raw()
      .get() as [number, string];
    // as if the fifth event had been appended by a process that knows no tree (leaf 4 completes no node)
    older.prepare('UPDATE certflow_tree_head SET size = 4, last_position = ?').run(last[0] - 1);
    older.close();
    await reopened.append('application-b', testEvents(2), { expectedVersion: 'no-stream' });
    expect(await reopened.transparency.size()).toBe(7);
    const tree = rebuild(file);
    expect(hex(await reopened.transparency.root())).toBe(hex(tree.root()));
    expect(await reopened.transparency.leafIndexOf(last[0])).toBe(4);
    await reopened.close();
  });

  it('proves an event of a large tree from a handful of stored nodes', async () => {
    const store = sqliteStore({ file: fresh() });
    for (let i = 0; i < 20; i++)
      await store.append(`application-${i}`, testEvents(50), { expectedVersion: 'no-stream' });
    const size = await store.transparency.size();
    const root = await store.transparency.root();
    const events = await store.readStream('application-7');
    const leaf = (await store.transparency.leafIndexOf(events[3]!.position))!;
    const proof = await store.transparency.inclusionProof(leaf);
    expect(proof.length).toBe(10); // ⌈log2 1000⌉
    expect(verifyInclusion(eventLeafHash(events[3]!.hash), leaf, size, proof, root)).toBe(true);
    await store.close();
  });

  it("fetches a proof's stored nodes in one query, and folds the right edge of a size once for every proof at that size", async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    for (let i = 0; i < 10; i++)
      await store.append(`application-${i}`, testEvents(77), { expectedVersion: 'no-stream' });
    const size = await store.transparency.size();
    const root = await store.transparency.root();
    const all: { hash: string }[] = [];
    for await (const e of store.readAll()) all.push(e);
    const before = { ...treeStats };
    for (const leaf of [0, 5, 300, 511, 512, 700, size - 1]) {
      const proof = await store.transparency.inclusionProof(leaf);
      expect(verifyInclusion(eventLeafHash(all[leaf]!.hash), leaf, size, proof, root)).toBe(true);
    }
    // one node query per proof at most; of the right-edge ranges (770 = 512 + 256 + 2), [512, 770) is folded
    // once for leaves 0, 5, 300, 511 and [768, 770) once for 512, 700: four answered from the cache
    expect(treeStats.nodeQueries - before.nodeQueries).toBeLessThanOrEqual(7);
    expect(treeStats.edgeHits - before.edgeHits).toBe(4);
    expect(hex(root)).toBe(hex(rebuild(file).root()));
    await store.close();
  });

  it('appends from the frontier kept in memory, loading it from the stored nodes only once', async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    const before = treeStats.frontierLoads;
    for (let i = 0; i < 12; i++)
      await store.append(`application-${i}`, testEvents(i % 3 === 0 ? 10 : 1), { expectedVersion: 'no-stream' });
    expect(treeStats.frontierLoads - before).toBe(1);
    expect(hex(await store.transparency.root())).toBe(hex(rebuild(file).root()));
    await store.close();
  });

  it("sees another process's appends to the file: the frontier is reloaded and the tree stays equal to a rebuild", async () => {
    const file = fresh();
    const a = sqliteStore({ file });
    const b = sqliteStore({ file });
    await a.append('application-a', testEvents(3), { expectedVersion: 'no-stream' });
    await b.append('application-b', testEvents(2), { expectedVersion: 'no-stream' });
    const before = treeStats.frontierLoads;
    await a.append('application-c', testEvents(1), { expectedVersion: 'no-stream' });
    expect(treeStats.frontierLoads - before).toBe(1);
    await a.append('application-d', testEvents(4), { expectedVersion: 'no-stream' });
    expect(treeStats.frontierLoads - before).toBe(1);
    expect(await a.transparency.size()).toBe(10);
    expect(hex(await a.transparency.root())).toBe(hex(rebuild(file).root()));
    expect(hex(await b.transparency.root())).toBe(hex(rebuild(file).root()));
    await a.close();
    await b.close();
  });

  it('keeps no frontier of an append whose commit failed, even when another process then appends as many events', async () => {
    const file = fresh();
    const a = sqliteStore({ file });
    await a.append('application-a', testEvents(6), { expectedVersion: 'no-stream' });
    // a deferred foreign key the seventh event's insert breaks: the COMMIT fails, after the tree was extended
    const raw = new Database(file);
    raw.exec(`CREATE TABLE guard_parent (id INTEGER PRIMARY KEY);
      CREATE TABLE guard_child (x INTEGER REFERENCES guard_parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER guard AFTER INSERT ON certflow_events WHEN NEW.position = 7 BEGIN INSERT INTO guard_child VALUES (1); END;`);
    await expect(a.append('application-x', testEvents(1), { expectedVersion: 'no-stream' })).rejects.toMatchObject({
      code: expect.any(String),
    });
    expect(await a.transparency.size()).toBe(6);
    raw.exec('DROP TRIGGER guard');
    raw.close();
    // another process appends one event: the stored tree has 7 leaves again, but not the failed append's
    const b = sqliteStore({ file });
    await b.append('application-b', testEvents(1), { expectedVersion: 'no-stream' });
    await b.close();
    const before = treeStats.frontierLoads;
    await a.append('application-c', testEvents(3), { expectedVersion: 'no-stream' });
    expect(treeStats.frontierLoads - before).toBe(1);
    expect(await a.transparency.size()).toBe(10);
    expect(hex(await a.transparency.root())).toBe(hex(rebuild(file).root()));
    const events = await a.readStream('application-c');
    const proof = await a.transparency.inclusionProof(9);
    expect(verifyInclusion(eventLeafHash(events[2]!.hash), 9, 10, proof, await a.transparency.root())).toBe(true);
    await a.close();
  });

  it('writes tree rows only when an append completes a node of the write level: single events mostly write none', async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    const before = treeStats.rowsWritten;
    const appends = 2 * 2 ** WRITE_LEVEL;
    let writes = 0;
    for (let i = 0; i < appends; i++) {
      const rows = treeStats.rowsWritten;
      await store.append(`application-${i}`, testEvents(1), { expectedVersion: 'no-stream' });
      if (treeStats.rowsWritten > rows) writes++;
    }
    // two groups of 2^WRITE_LEVEL: the nodes their blocks complete from STORED_LEVEL up (a tree of
    // 2^(WRITE_LEVEL + 1 - STORED_LEVEL) blocks: twice that less one), written by the two appends that complete a
    // node of WRITE_LEVEL, each with a head write
    const groups = appends / 2 ** WRITE_LEVEL;
    expect(groups).toBe(2);
    expect(writes).toBe(groups);
    expect(treeStats.rowsWritten - before).toBe(2 * (appends / 2 ** STORED_LEVEL) - 1 + groups);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT MIN(level) FROM certflow_tree_nodes').pluck().get()).toBe(STORED_LEVEL);
    expect(db.prepare('SELECT size FROM certflow_tree_head').pluck().get()).toBe(appends);
    db.close();
    await store.append('application-tail', testEvents(3), { expectedVersion: 'no-stream' });
    expect(await store.transparency.size()).toBe(appends + 3);
    expect(hex(await store.transparency.root())).toBe(hex(rebuild(file).root()));
    await store.close();
  });

  it('answers from the nodes of the tail, computed from its events, until an append completes a node of the write level', async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    const group = 2 ** WRITE_LEVEL;
    const stored = () => {
      const db = new Database(file, { readonly: true });
      const row = [
        db.prepare('SELECT COUNT(*) FROM certflow_tree_nodes').pluck().get(),
        db.prepare('SELECT size FROM certflow_tree_head').pluck().get(),
      ];
      db.close();
      return row;
    };
    let i = 0;
    for (const count of [group - 7, group + 3]) {
      while ((await store.transparency.size()) < count)
        await store.append(`application-tail${i++}`, testEvents(1 + (i % 3)), { expectedVersion: 'no-stream' });
      const tree = rebuild(file);
      const n = tree.size;
      // below the first group nothing is stored, though the tail holds complete subtrees from STORED_LEVEL up
      if (n < group) expect(stored()).toEqual([0, 0]);
      else {
        // the append that completed the first group wrote its nodes (levels STORED_LEVEL to WRITE_LEVEL) and the head
        const [nodes, head] = stored() as [number, number];
        expect(nodes).toBe(2 ** (WRITE_LEVEL - STORED_LEVEL + 1) - 1);
        expect(head).toBeGreaterThanOrEqual(group);
        expect(head).toBeLessThan(group + 3);
      }
      for (let leaf = 0; leaf < n; leaf++) {
        expect((await store.transparency.inclusionProof(leaf)).map(hex)).toEqual(tree.inclusionProof(leaf, n).map(hex));
        expect((await store.transparency.consistencyProof(leaf)).map(hex)).toEqual(
          tree.consistencyProof(leaf, n).map(hex),
        );
      }
      expect(hex(await store.transparency.root())).toBe(hex(tree.root()));
    }
    await store.close();
  });

  it("appends on after a process of the release that wrote each node as it completed stored the tail's nodes", async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    for (let i = 0; i < 8; i++)
      await store.append(`application-old${i}`, testEvents(5), { expectedVersion: 'no-stream' });
    // 40 leaves, none stored yet: such a process, opening the file, writes the nodes of [0, 32) and a head at 40
    const tree = rebuild(file);
    const raw = new Database(file);
    const put = raw.prepare('INSERT INTO certflow_tree_nodes (level, idx, hash) VALUES (?, ?, ?)');
    for (const [level, idx] of [
      [4, 0],
      [4, 1],
      [5, 0],
    ] as const)
      put.run(level, idx, Buffer.from(tree.node(level, idx)));
    raw.prepare('UPDATE certflow_tree_head SET size = 40, last_position = 40').run();
    raw.close();
    // the store's next appends complete the first group: they must not write those nodes again
    for (let i = 0; i < 6; i++)
      await store.append(`application-new${i}`, testEvents(5), { expectedVersion: 'no-stream' });
    expect(await store.transparency.size()).toBe(70);
    expect(hex(await store.transparency.root())).toBe(hex(rebuild(file).root()));
    await store.close();
  });

  it('reads a file of the layout that stored every node above the leaves, and drops the nodes below the stored level when it opens it for writing', async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    for (let i = 0; i < 7; i++)
      await store.append(`application-${i}`, testEvents(11), { expectedVersion: 'no-stream' });
    await store.close();
    // the earlier layout: every complete subtree from level 1, and a head at the size
    const tree = rebuild(file);
    const raw = new Database(file);
    const put = raw.prepare('INSERT OR REPLACE INTO certflow_tree_nodes (level, idx, hash) VALUES (?, ?, ?)');
    for (let level = 1; 2 ** level <= tree.size; level++) {
      for (let idx = 0; (idx + 1) * 2 ** level <= tree.size; idx++)
        put.run(level, idx, Buffer.from(tree.node(level, idx)));
    }
    raw.prepare('UPDATE certflow_tree_head SET size = ?, last_position = ?').run(tree.size, tree.size);
    raw.close();
    const reader = sqliteStore({ file, readOnly: true });
    expect(await reader.transparency.size()).toBe(77);
    expect(hex(await reader.transparency.root())).toBe(hex(tree.root()));
    const proof = await reader.transparency.inclusionProof(40);
    expect(verifyInclusion(tree.node(0, 40), 40, 77, proof, tree.root())).toBe(true);
    await reader.close();
    const writer = sqliteStore({ file });
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) FROM certflow_tree_nodes WHERE level < ?').pluck().get(STORED_LEVEL)).toBe(0);
    check.close();
    await writer.append('application-more', testEvents(20), { expectedVersion: 'no-stream' });
    expect(await writer.transparency.size()).toBe(97);
    expect(hex(await writer.transparency.root())).toBe(hex(rebuild(file).root()));
    expect((await writer.transparency.consistencyProof(77, 97)).map(hex)).toEqual(
      rebuild(file).consistencyProof(77, 97).map(hex),
    );
    await writer.close();
  });

  it('answers no tree question once closed, with the store-closed error', async () => {
    const store = sqliteStore({ file: fresh() });
    await store.close();
    await expect(store.transparency.size()).rejects.toMatchObject({ code: expect.stringMatching(/CLOSED/) });
  });
});
