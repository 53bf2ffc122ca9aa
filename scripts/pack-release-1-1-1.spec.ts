// 1.1.1 of every pack moved its sources into the common file set (see
// pack-layout.spec.ts) and formatted them, and changed nothing else. The
// digest moved, and so the hash: 1.1.1 is a release, and 1.1.0 is kept
// loadable with the hash its logs recorded. This holds that: the released
// 1.1.0 has its recorded hash; 1.1.0 and 1.1.1 describe the same rules,
// quotas, deadlines, materials, documents and limits; every case of the
// pack's test/cases.yaml decides the same under both; a log written under
// 1.1.0 replays with 0 differences, and no decision of it would change under 1.1.1.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createEngine,
  evaluateRules,
  memoryStore,
  type ApplicantProfile,
  type CommandType,
  type RulePack,
  type StoredEvent,
} from '@certflow/core';
import { caseFacts, loadRuleCases, testCalendar } from '@certflow/core/testing';
import { bufferIo } from '../packages/cli/src/io.js';
import { runCli } from '../packages/cli/src/runCli.js';

const root = join(import.meta.dirname, '..', 'rulepacks');
const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'src', 'index.ts')))
  .map((d) => d.name);

/** The hash each pack's 1.1.0 had, as its snapshot.md recorded it before 1.1.1. */
const RECORDED_1_1_0: Record<string, string> = {
  national: 'c9f777aded2e7a176506ccb13b871234ac9f78c6b6456147ea8f81e47134aed8',
  shandong: 'be0c6d8815c4bfc50734dd6ddfaf0b74eff5644ddf38917a5e34ab5b10cc57f3',
  'fujian-fuzhou': 'f404bae432e1b3ec70656a61f0eebb14e16366158840f70071fd0ed31476edea',
  shanghai: '328c4afb80b20e508db191f8dd9052f404c30975a76145c2caee2954ef408ad7',
  'sichuan-technical-schools': '149c628c0c0096977678e521c70a67fc0b9b75a8de7ccee57a4a01afd7d6e71f',
  'national-industry-pilot': '27face82f56af7207c03283edeb5cb4f8a2a54e6766b0b4e56025b605dbd0d01',
};

const work = mkdtempSync(join(tmpdir(), 'certflow-release-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const load = async (folder: string) =>
  ((await import(pathToFileURL(join(root, folder, 'src', 'index.ts')).href)) as { default: RulePack }).default;

/** What a version decides by: everything but its version, digest and hash (and the parent by id and version). */
const data = (p: RulePack) => ({
  id: p.id,
  parent: p.parent ? `${p.parent.id}@${p.parent.version}` : null,
  title: p.title,
  documents: p.documents,
  jurisdiction: p.jurisdiction,
  levels: p.levels ?? null,
  rules: p.rules.map(({ evaluate: _e, ...r }) => r),
  quotas: p.quotas.map(({ buckets: _b, ...q }) => q),
  deadlines: p.deadlines,
  materials: p.materials,
  certificateNumber: p.certificateNumber ?? null,
  filingValidity: p.filingValidity ?? null,
  roles: p.roles ?? null,
  disabledCommands: p.disabledCommands ?? null,
});

const release = (p: RulePack, version: string) => p.releases.find((r) => r.version === version);

it('every pack is covered', () => {
  expect(folders.sort()).toEqual(Object.keys(RECORDED_1_1_0).sort());
});

for (const folder of folders) {
  describe(`${folder} 1.1.1`, () => {
    it('keeps 1.1.0 released with the hash its logs recorded, on the parent 1.1.0', async () => {
      const pack = await load(folder);
      expect(pack.version).toBe('1.1.1');
      expect(pack.releases.map((r) => r.version)).toEqual(['1.1.0', '1.0.0']);
      const v110 = release(pack, '1.1.0')!;
      expect(v110.hash).toBe(RECORDED_1_1_0[folder]);
      expect(v110.knownHashes).toContain(RECORDED_1_1_0[folder]);
      expect(pack.hash).not.toBe(v110.hash);
      if (pack.parent) {
        expect(pack.parent.version).toBe('1.1.1');
        expect(v110.parent?.version).toBe('1.1.0');
        expect(v110.parent?.hash).toBe(RECORDED_1_1_0[pack.parent.id]);
      }
    });

    it('describes the same rules, quotas, deadlines, materials, documents and limits as 1.1.0', async () => {
      const pack = await load(folder);
      const v110 = release(pack, '1.1.0')!;
      expect(data(pack)).toEqual({ ...data(v110), parent: pack.parent ? `${pack.parent.id}@1.1.1` : null });
      expect(pack.rules.map((r) => r.id)).toEqual(v110.rules.map((r) => r.id));
    });

    it('decides every case of test/cases.yaml as 1.1.0 does', async () => {
      const pack = await load(folder);
      const v110 = release(pack, '1.1.0')!;
      const file = loadRuleCases(join(root, folder));
      expect(file.cases.length).toBeGreaterThan(0);
      for (const c of file.cases) {
        const facts = caseFacts(file, c);
        const options = { asOf: c.asOf, ...(c.command ? { command: c.command as CommandType } : {}) };
        const now = evaluateRules(pack, facts, options);
        const then = evaluateRules(v110, facts, options);
        expect({ ...now, rulePack: null }, c.name).toEqual({ ...then, rulePack: null });
      }
    });

    it('replays a log written under 1.1.0 with 0 differences, and no decision of it changes under 1.1.1', async () => {
      const pack = await load(folder);
      const v110 = release(pack, '1.1.0')!;
      const file = loadRuleCases(join(root, folder));
      const store = memoryStore();
      let now = new Date();
      const engine = createEngine({ store, rulePacks: [v110], calendar: testCalendar(), clock: () => now });
      let n = 0;
      for (const c of file.cases) {
        if (c.command && c.command !== 'SubmitApplication') continue;
        now = new Date(`${c.asOf}T10:00:00+08:00`);
        const profile = caseFacts(file, c) as ApplicantProfile;
        await engine.applications.submit({
          streamId: `application-${++n}`,
          actor: { id: `org-${n}`, role: 'applicant' },
          payload: { ...profile, rulePack: folder },
        });
      }
      expect(n).toBeGreaterThan(0);
      const events: StoredEvent[] = [];
      for await (const e of store.readAll()) events.push(e);
      await store.close();
      const recorded = events.filter((e) => e.type === 'ApplicationSubmitted');
      expect(recorded.length).toBe(n);
      for (const e of recorded) {
        expect(
          (e.data as { decision: { rulePack: { version: string; hash: string } } }).decision.rulePack,
        ).toMatchObject({
          version: '1.1.0',
          hash: RECORDED_1_1_0[folder],
        });
      }

      const log = join(work, `${folder}.jsonl`);
      writeFileSync(log, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
      const replay = async (args: string[]) => {
        const io = bufferIo({ cwd: work });
        const code = await runCli(['replay', log, '--json', ...args], io, { packs: [pack] });
        return { code, json: JSON.parse(io.out()) };
      };
      const r = await replay([]);
      expect(r.code).toBe(0);
      expect(r.json.decisions).toMatchObject({
        rechecked: n,
        mismatched: [],
        packChanged: [],
        unavailable: [],
        errors: [],
      });
      const under = await replay(['--under', `${folder}@1.1.1`]);
      expect(under.json.under.changed).toEqual([]);
    });
  });
}
