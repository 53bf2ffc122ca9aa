import { join } from 'node:path';
import { defineRulePack, pass, type ApplicantProfile, type Rule } from '@certflow/core';
import { testRulePack } from '@certflow/core/testing';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { withdrawnMissLog } from '../replay/provisionalFixtures.js';
import { recordedLog, testRulePackV2 } from '../replay/replayFixtures.js';
import { runCli } from '../runCli.js';
import { tempDir, writeJsonl } from '../testFixtures.js';

async function replay(
  args: string[],
  options: { events?: unknown[]; packs?: (typeof testRulePack)[]; cwd?: string } = {},
) {
  const dir = tempDir();
  writeJsonl(join(dir, 'log.jsonl'), options.events ?? (await recordedLog()));
  const io = bufferIo({ cwd: options.cwd ?? dir });
  const source = options.cwd ? join(dir, 'log.jsonl') : 'log.jsonl';
  const code = await runCli(['replay', source, ...args], io, { packs: options.packs ?? [testRulePack] });
  return { code, out: io.out(), err: io.err() };
}

describe('certflow replay', () => {
  it('rebuilds every stream and reproduces every recorded decision under its own pack version', async () => {
    const r = await replay(['--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(true);
    expect(json.streams).toEqual([
      { streamId: 'application-a1', version: 4, state: 'filed.active' },
      { streamId: 'application-a2', version: 1, state: 'submitted' },
      { streamId: 'exam-e1', version: 1, state: 'planned' },
    ]);
    // Two screenings and the exam plan (whose facts come from the filing as of the plan's instant).
    expect(json.decisions).toMatchObject({
      rechecked: 3,
      mismatched: [],
      packChanged: [],
      unavailable: [],
      errors: [],
    });
    const text = await replay([]);
    expect(text.out).toContain('decisions: 3 rechecked under their recorded pack versions, 0 differ');
    expect(text.out).toContain('✔ every stream rebuilds and every decision is reproduced');
  });

  it('replays a log where tick withdrew a DeadlineMissed recorded on provisional days', async () => {
    const r = await replay(['--json'], { events: await withdrawnMissLog() });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      ok: true,
      history: [],
      failed: [],
      streams: [{ streamId: 'application-p1', version: 3, state: 'submitted' }],
    });
  });

  it('--under shows, rule by rule with the citation, which decisions another version would change', async () => {
    const r = await replay(['--under', 'test-pack@2.0.0'], { packs: [testRulePack, testRulePackV2] });
    expect(r.code).toBe(0);
    expect(r.out).toContain('under test-pack@2.0.0: 3 decisions compared, 2 would change');
    expect(r.out).toContain(
      'application-a1 v1 ApplicationSubmitted (as of 2020-06-01): eligible → needs-review under test-pack@2.0.0',
    );
    expect(r.out).toContain('evaluation-experience: pass → (absent)');
    expect(r.out).toContain('evaluation-experience-20000: (absent) → review — fewer than 20,000 person-times');
    expect(r.out).toContain('certflow 测试规则 二「累计评价不少于1万人次」');
    // The ineligible one stays ineligible, though its experience finding changes too.
    const json = JSON.parse(
      (await replay(['--under', 'test-pack@2.0.0', '--json'], { packs: [testRulePack, testRulePackV2] })).out,
    );
    expect(
      json.under.changed.map((c: { streamId: string; outcomeAfter: string }) => `${c.streamId}:${c.outcomeAfter}`),
    ).toEqual(['application-a1:needs-review', 'application-a2:ineligible']);
  });

  it('loads extra pack versions from a module with --packs', async () => {
    const root = join(import.meta.dirname, '../../../..');
    const r = await replay(['--under', 'test-pack@2.0.0', '--packs', 'packages/cli/src/replay/replayFixtures.ts'], {
      cwd: root,
    });
    expect(r.err).toBe('');
    expect(r.out).toContain('2 would change');
  });

  it('a pack changed without a new version is a problem: its hash and findings differ', async () => {
    const credit = testRulePack.rules.find((r) => r.id === 'credit-clean')! as Rule<ApplicantProfile>;
    const lenient = defineRulePack({
      id: 'test-pack',
      version: '1.0.0',
      extends: testRulePack,
      title: testRulePack.title,
      documents: testRulePack.documents,
      jurisdiction: testRulePack.jurisdiction,
      levels: testRulePack.levels,
      rules: [{ ...credit, id: 'credit-clean', replaces: 'credit-clean', evaluate: () => pass() }],
    });
    const r = await replay([], { packs: [lenient] });
    expect(r.code).toBe(1);
    expect(r.out).toContain('which no known build of test-pack@1.0.0 has');
    expect(r.out).toContain('(the log is intact; the pack changed without a new version)');
    expect(r.out).not.toContain('integrity');
    expect(r.out).toContain(
      '✖ application-a2 v1 ApplicationSubmitted (as of 2020-06-01): ineligible ≠ eligible under test-pack@1.0.0',
    );
    expect(r.out).toContain('credit-clean: fail → pass');
  });

  it('a missing pack version, a tampered log or a stream that does not fold is a problem', async () => {
    const missing = await replay([], { packs: [] });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('pack test-pack@1.0.0 is not available (pass it with --packs)');

    const events = await recordedLog();
    (events[0]!.data as { profile: { history: { personTimesTotal: number } } }).profile.history.personTimesTotal = 500;
    const tampered = await replay([], { events });
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('✖ integrity: application-a1 version 1: hash-mismatch');
    // The re-evaluation of the changed facts no longer matches what was recorded.
    expect(tampered.out).toContain(
      'application-a1 v1 ApplicationSubmitted (as of 2020-06-01): eligible ≠ needs-review',
    );
  });

  it('--under a version nobody has is a usage error naming the versions available', async () => {
    const r = await replay(['--under', 'test-pack@9.9.9']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--under test-pack@9.9.9: no such pack version is available (available: test-pack@1.0.0)');
    const bad = await replay(['--under', 'test-pack']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--under takes <pack>@<version>');
  });
});
