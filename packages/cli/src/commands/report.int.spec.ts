import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { testRulePack } from '@certflow/core/testing';
import { withdrawnMissLog, YEAR_2027_FIXTURE as year } from '../replay/provisionalFixtures.js';
import { recordedLog } from '../replay/replayFixtures.js';
import { buildFixtureLog, CITE, ID_1, ID_2, mask, tempDir, writeJsonl } from '../testFixtures.js';

async function report(args: string[], events?: unknown[]) {
  const dir = tempDir();
  writeJsonl(join(dir, 'log.jsonl'), events ?? (await buildFixtureLog()));
  const io = bufferIo({ cwd: dir });
  const code = await runCli(['report', 'log.jsonl', ...args], io);
  return { code, out: io.out(), err: io.err(), dir };
}

describe('certflow report', () => {
  it('json: timeline with actors, decisions with citations, deadlines met and missed', async () => {
    const r = await report(['--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.summary).toEqual({ streams: 2, events: 4, decisions: 1, deadlinesMet: 1, deadlinesMissed: 1, deadlinesOpen: 0, brokenStreams: 0 });
    const [app, exam] = json.streams;
    expect(app.streamId).toBe('application-jinan-001');
    expect(app.integrity).toEqual({ status: 'verified' });
    expect(app.timeline.map((t: { type: string; actor: { role: string } }) => `${t.type}/${t.actor.role}`)).toEqual([
      'ApplicationSubmitted/applicant',
      'ApplicationAccepted/city-center',
    ]);
    expect(app.decisions[0]).toMatchObject({ version: 1, outcome: 'ineligible', rulePack: 'shandong@1.0.0' });
    expect(app.decisions[0].findings[0]).toEqual({
      ruleId: 'shandong.independent-legal-person',
      outcome: 'fail',
      message: 'not an independent legal person',
      cite: CITE,
    });
    expect(app.deadlines).toEqual([expect.objectContaining({ id: 'acceptance', status: 'met', due: '2020-06-08' })]);
    expect(exam.deadlines).toEqual([
      expect.objectContaining({ id: 'exam-plan-lead-time', status: 'missed', due: '2020-07-03', eventType: 'DeadlineMissed' }),
    ]);
  });

  it('masks every ID number in every format', async () => {
    for (const format of ['json', 'md', 'html']) {
      const events = await buildFixtureLog();
      // ID numbers in the actor, a finding's message and a deadline are masked too.
      events[0]!.meta.actor.id = ID_2;
      const data = events[0]!.data as { decision: { findings: { message?: string }[] } };
      data.decision.findings[1]!.message = `checked ${ID_1}`;
      (events[3]!.data as Record<string, unknown>).deadlineId = `lead-time-${ID_1}`;
      const r = await report(['--format', format], events);
      expect(r.out, format).toContain(mask(ID_2));
      expect(r.out, format).not.toContain(ID_1);
      expect(r.out, format).not.toContain(ID_2);
    }
    const json = JSON.parse((await report(['--format', 'json'])).out);
    expect(JSON.stringify(json)).not.toContain(ID_1);
    const md = (await report(['--format', 'md'])).out;
    expect(md).toContain('ID numbers (身份证号) are masked');
  });

  it('md: one section per stream with the quoted clause', async () => {
    const r = await report([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('## application-jinan-001');
    expect(r.out).toContain(`| 1 | 2020-06-01 09:00 | ApplicationSubmitted | jinan-org-001 | applicant | shandong@1.0.0 | organization: {contact: {idNumber: ${mask(ID_1)}, name: 张三}, name: 济南某职业培训学校} |`);
    expect(r.out).toContain(`> ${CITE.document} ${CITE.clause}：「${CITE.text}」`);
    expect(r.out).toContain('| exam-plan-lead-time | ✖ missed | 2020-07-03 | v2 DeadlineMissed |');
  });

  it('html: one self-contained file written with --out, with content escaped', async () => {
    const events = await buildFixtureLog();
    (events[0]!.data as { organization: { name: string } }).organization.name = '<script>alert(1)</script>';
    const r = await report(['--format', 'html', '--out', 'report.html'], events);
    expect(r.out).toBe('');
    expect(r.err).toContain('wrote html report of 2 streams to report.html');
    const html = readFileSync(join(r.dir, 'report.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(|@import/i);
    expect(html).toContain('<style>');
    expect(html).toContain(`「${CITE.text}」`);
    expect(html).toContain(`idNumber: ${mask(ID_1)}`);
  });

  it('a broken stream is shown in the report and makes the exit code 1', async () => {
    const events = await buildFixtureLog();
    events[1]!.meta.actor.id = 'someone-else';
    const r = await report(['--format', 'json'], events);
    expect(r.code).toBe(1);
    expect(r.err).toContain('1 stream(s) do not verify');
    const json = JSON.parse(r.out);
    expect(json.streams[0].integrity).toMatchObject({ status: 'broken', problem: { version: 2, kind: 'hash-mismatch' } });
    expect(json.streams[1].integrity.status).toBe('verified');
  });

  it('the same log gives the same report', async () => {
    const a = await report(['--format', 'html']);
    const b = await report(['--format', 'html']);
    expect(a.out.replace(a.dir, '')).toBe(b.out.replace(b.dir, ''));
  });

  it("works out every deadline of the stream's pack version with the China calendar: met, or open", async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await recordedLog());
    const io = bufferIo({ cwd: dir });
    expect(await runCli(['report', 'log.jsonl', '--format', 'json'], io, { packs: [testRulePack] })).toBe(0);
    const json = JSON.parse(io.out());
    const byStream = Object.fromEntries(
      json.streams.map((s: { streamId: string; deadlines: { id: string; status: string; due: string; detail: string }[] }) => [
        s.streamId,
        s.deadlines.map((d) => `${d.id} ${d.status} ${d.due} ${d.detail}`),
      ]),
    );
    // Submitted Mon 2020-06-01: accepted the next day, within 10 working days (due 06-15).
    // Publicity from 06-03: 5 working days end 06-10, the day the filing completed.
    expect(byStream['application-a1']).toEqual([
      'acceptance met 2020-06-15 AcceptApplication on 2020-06-02 (by 2020-06-15)',
      'filing-publicity met 2020-06-10 CompleteFiling on 2020-06-10 (not before 2020-06-10)',
    ]);
    expect(byStream['application-a2']).toEqual(['acceptance open 2020-06-15 AcceptApplication not yet recorded (by 2020-06-15)']);
    // The exam on 06-22 needs its plan filed 5 working days before: by 06-15.
    expect(byStream['exam-e1']).toEqual(['plan-lead-time open 2020-06-15 FileExamPlan not yet recorded (by 2020-06-15)']);
    expect(json.summary).toMatchObject({ deadlinesMet: 2, deadlinesMissed: 0, deadlinesOpen: 2 });
    // Without the pack, nothing is claimed.
    const bare = bufferIo({ cwd: dir });
    await runCli(['report', 'log.jsonl', '--format', 'json'], bare);
    expect(JSON.parse(bare.out()).summary).toMatchObject({ deadlinesMet: 0, deadlinesOpen: 0 });
  });

  it('shows the provisional flag and citation of a recorded DeadlineMissed, and its withdrawal once the year is published', async () => {
    // Submitted Friday 2027-09-24; acceptance within 10 working days: provisionally due 10-11, on the
    // test fixture's 2027 (made up, not the real arrangement) due 10-13.
    const rows = async (events: unknown[]) => JSON.parse((await report(['--format', 'json'], events)).out).streams[0].deadlines;
    const missed = await rows(await withdrawnMissLog({ withdraw: false }));
    expect(missed).toEqual([
      expect.objectContaining({ id: 'acceptance', status: 'missed', due: '2027-10-11', provisional: true, calendar: [expect.objectContaining({ year: 2027, source: 'provisional' })] }),
    ]);
    expect(missed[0].detail).toContain('v2 DeadlineMissed; provisional: 2027 not published, computed from 全国年节及纪念日放假办法');
    const events = await withdrawnMissLog();
    const withdrawn = await rows(events);
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'DeadlineMissed', 'DeadlineMissedWithdrawn']);
    expect(withdrawn).toEqual([expect.objectContaining({ id: 'acceptance', status: 'open', due: '2027-10-13', withdrawn: expect.objectContaining({ version: 3, due: '2027-10-13', missedDue: '2027-10-11' }) })]);
    expect(withdrawn[0].detail).toBe(
      `v2 DeadlineMissed (due 2027-10-11, provisional) withdrawn by v3 on 2027-10-12: due 2027-10-13 — 2027 per ${year.published.cite.document} (${year.published.cite.date}), still open`,
    );
    const md = await report(['--format', 'md'], events);
    expect(md.out).toContain('| acceptance | ○ open | 2027-10-13 | v2 DeadlineMissed (due 2027-10-11, provisional) withdrawn by v3');
  });

  it('rejects an unknown format as a usage error', async () => {
    const r = await report(['--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format must be md, html or json, not pdf');
  });
});
