import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePersonalToken } from '@certflow/core';
import { testRoster, testRulePack } from '@certflow/core/testing';
import { sqliteStore } from '@certflow/store-sqlite';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { formatTwoLog, mask, tempDir } from '../testFixtures.js';

const roster = testRoster();

async function cli(args: string[], cwd: string) {
  const io = bufferIo({ cwd });
  const code = await runCli(args, io, { packs: [testRulePack] });
  return { code, out: io.out(), err: io.err() };
}

describe('certflow export of a format-2 log (a store with a personal-data vault)', () => {
  it('the masked export holds no 身份证号, carries display forms outside the hash, and verifies and replays with exit 0', async () => {
    const dir = tempDir();
    await (await formatTwoLog(sqliteStore({ file: join(dir, 'log.db'), personal: true }))).close();
    const exp = await cli(['export', 'log.db', '--out', 'masked.jsonl'], dir);
    expect(exp.code).toBe(0);
    const text = readFileSync(join(dir, 'masked.jsonl'), 'utf8');
    for (const c of roster) {
      expect(text).not.toContain(c.idNumber);
      expect(text).toContain(mask(c.idNumber));
    }
    const [header, ...lines] = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(header.certflowExport).toMatchObject({ format: 2, masked: true, personal: 'display' });
    const display = lines.filter((l) => 'certflowPersonal' in l);
    expect(display).toHaveLength(1);
    const forms = Object.entries(display[0].certflowPersonal.display);
    expect(forms).toHaveLength(6);
    expect(forms.map(([token]) => token).every((t) => /^personal:[0-9a-f]{32}:[0-9a-f]{64}$/.test(t))).toBe(true);
    expect(forms.map(([, text]) => text)).toContain(mask(roster[0]!.idNumber));
    expect(await cli(['verify', 'masked.jsonl'], dir)).toMatchObject({ code: 0 });
    const replay = await cli(['replay', 'masked.jsonl'], dir);
    expect(replay.err).toBe('');
    expect(replay.out).toContain('decisions: 2 rechecked under their recorded pack versions, 0 differ');
    expect(replay.code).toBe(0);
    const report = await cli(['report', 'masked.jsonl', '--format', 'md'], dir);
    expect(report.code).toBe(0);
    expect(report.out).toContain(mask(roster[0]!.idNumber));
    expect(report.out).not.toContain('personal:');
  });

  it('--with-personal-data adds the vault: verify opens every commitment, and finds a forged value', async () => {
    const dir = tempDir();
    await (await formatTwoLog(sqliteStore({ file: join(dir, 'log.db'), personal: true }))).close();
    const exp = await cli(['export', 'log.db', '--with-personal-data', '--out', 'full.jsonl'], dir);
    expect(exp.code).toBe(0);
    const text = readFileSync(join(dir, 'full.jsonl'), 'utf8');
    expect(text).toContain(roster[0]!.idNumber);
    expect(JSON.parse(text.split('\n')[0]!).certflowExport).toMatchObject({
      format: 2,
      masked: false,
      personal: 'vault',
    });
    expect(await cli(['verify', 'full.jsonl'], dir)).toMatchObject({ code: 0 });
    writeFileSync(join(dir, 'forged.jsonl'), text.replace(roster[0]!.idNumber, '11010519491231002X'));
    const forged = await cli(['verify', 'forged.jsonl'], dir);
    expect(forged.code).toBe(1);
    expect(forged.out).toContain('personal-unopened');
    // The store itself verifies with its vault.
    expect(await cli(['verify', 'log.db'], dir)).toMatchObject({ code: 0 });
  });

  it('after an erasure every export still verifies and replays, and the report shows 「已删除」', async () => {
    const dir = tempDir();
    const store = await formatTwoLog(sqliteStore({ file: join(dir, 'log.db'), personal: true }));
    let plannedRoster: { idNumber: string }[] = [];
    for await (const e of store.readAll())
      if (e.type === 'ExamPlanned') plannedRoster = (e.data as { roster: { idNumber: string }[] }).roster;
    await store.vault!.eraseSubject(parsePersonalToken(plannedRoster[0]!.idNumber)!.subject, {
      reason: '保存期限届满',
      actor: { id: 'privacy-officer', role: 'provincial-center' },
    });
    await store.close();
    expect(await cli(['verify', 'log.db'], dir)).toMatchObject({ code: 0 });
    expect(await cli(['export', 'log.db', '--out', 'masked.jsonl'], dir)).toMatchObject({ code: 0 });
    expect(await cli(['export', 'log.db', '--with-personal-data', '--out', 'full.jsonl'], dir)).toMatchObject({
      code: 0,
    });
    for (const f of ['masked.jsonl', 'full.jsonl']) {
      expect(readFileSync(join(dir, f), 'utf8')).not.toContain(roster[0]!.idNumber);
      expect(await cli(['verify', f], dir), f).toMatchObject({ code: 0 });
      expect(await cli(['replay', f], dir), f).toMatchObject({ code: 0 });
    }
    const report = await cli(['report', 'masked.jsonl', '--format', 'md'], dir);
    expect(report.code).toBe(0);
    expect(report.out).toContain('已删除');
    expect(report.out).not.toContain(mask(roster[0]!.idNumber));
    expect(report.out).toContain(mask(roster[2]!.idNumber));
  });
});
