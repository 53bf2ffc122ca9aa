import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { testRulePack } from '@certflow/core/testing';
import { withdrawnMissLog, YEAR_2027_FIXTURE as year } from '../replay/provisionalFixtures.js';
import { recordedLog } from '../replay/replayFixtures.js';
import { FOOTER_MARKER } from '../report/sections/footer.js';
import { buildFixtureLog, CITE, ID_1, ID_2, mask, tempDir, writeJsonl } from '../testFixtures.js';
import { baseLog } from '../../../../bench/scale/generate.js';

async function report(args: string[], events?: unknown[], env: Record<string, string> = {}) {
  const dir = tempDir();
  writeJsonl(join(dir, 'log.jsonl'), events ?? (await buildFixtureLog()));
  const io = bufferIo({ cwd: dir, env });
  const code = await runCli(['report', 'log.jsonl', ...args], io);
  return { code, out: io.out(), err: io.err(), dir };
}

type Json = ReturnType<typeof JSON.parse>;
/** Every stream of a JSON report, wherever it is nested. */
function streams(json: Json): Json[] {
  const out: Json[] = [];
  for (const o of json.organizations) {
    for (const f of o.filings) {
      out.push(f.stream);
      for (const x of f.exams) out.push(x.stream, ...x.certificates.map((c: Json) => c.stream));
    }
    for (const x of o.exams) out.push(x.stream, ...x.certificates.map((c: Json) => c.stream));
    out.push(...o.certificates.map((c: Json) => c.stream), ...o.other);
  }
  return [...out, ...json.bookkeeping];
}
const byId = (json: Json) => Object.fromEntries(streams(json).map((s) => [s.streamId, s]));

describe('certflow report', () => {
  it('json: timeline with actors, decisions with citations, deadlines met and missed', async () => {
    const r = await report(['--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.summary).toMatchObject({
      streams: 2,
      events: 4,
      decisions: 1,
      deadlinesMet: 1,
      deadlinesMissed: 1,
      deadlinesOpen: 0,
      brokenStreams: 0,
      organizations: 1,
    });
    // The applicant acting on both streams is their organization, named as the application names it.
    expect(json.organizations).toHaveLength(1);
    expect(json.organizations[0]).toMatchObject({ id: 'jinan-org-001', name: '济南某职业培训学校' });
    const { 'application-jinan-001': app, 'exam-2020-001': exam } = byId(json);
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
      expect.objectContaining({
        id: 'exam-plan-lead-time',
        status: 'missed',
        due: '2020-07-03',
        eventType: 'DeadlineMissed',
      }),
    ]);
    // The refusal is in the summary with the clause that caused it.
    expect(json.summary.refusals).toEqual([
      expect.objectContaining({
        streamId: 'application-jinan-001',
        outcome: 'ineligible',
        findings: [expect.objectContaining({ ruleId: 'shandong.independent-legal-person', cite: CITE })],
      }),
    ]);
    // Readable details: labelled fields, not JSON.
    expect(app.timeline[0].fields).toContainEqual({ key: 'organization.name', value: '济南某职业培训学校' });
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

  it('md: the organization with its filing, labelled fields and the quoted clause', async () => {
    const r = await report([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('## 山东 · 济南某职业培训学校（jinan-org-001）');
    expect(r.out).toContain('### Filing application-jinan-001 — submitted');
    expect(r.out).toContain(
      `| 1 | 2020-06-01 09:00 | application submitted | jinan-org-001 | applicant | shandong@1.0.0 | organization › contact › ID number: ${mask(ID_1)}; organization › contact › name: 张三; organization › name: 济南某职业培训学校 |`,
    );
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
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    // The only links are to the report's own sections.
    expect(html.match(/href="[^"]*"/g)?.every((h) => h.startsWith('href="#'))).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain(`「${CITE.text}」`);
    expect(html).toContain(`<dd>${mask(ID_1)}</dd>`);
  });

  it('a broken stream is shown in the report and makes the exit code 1', async () => {
    const events = await buildFixtureLog();
    events[1]!.meta.actor.id = 'someone-else';
    const r = await report(['--format', 'json'], events);
    expect(r.code).toBe(1);
    expect(r.err).toContain('1 stream(s) do not verify');
    const json = JSON.parse(r.out);
    expect(byId(json)['application-jinan-001'].integrity).toMatchObject({
      status: 'broken',
      problem: { version: 2, kind: 'hash-mismatch' },
    });
    expect(byId(json)['exam-2020-001'].integrity.status).toBe('verified');
    expect(json.summary.broken).toEqual([
      { streamId: 'application-jinan-001', version: 2, kind: 'hash-mismatch', anchor: 'org-1' },
    ]);
  });

  it('the same log gives the same report', async () => {
    for (const format of ['md', 'html', 'json']) {
      const a = await report(['--format', format]);
      const b = await report(['--format', format]);
      expect(a.out.replace(a.dir, '')).toBe(b.out.replace(b.dir, ''));
    }
  });

  it("works out every deadline of the stream's pack version with the China calendar: met, or open", async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await recordedLog());
    const io = bufferIo({ cwd: dir });
    expect(await runCli(['report', 'log.jsonl', '--format', 'json'], io, { packs: [testRulePack] })).toBe(0);
    const json = JSON.parse(io.out());
    const deadlines = Object.fromEntries(
      streams(json).map((s) => [
        s.streamId,
        s.deadlines.map(
          (d: { id: string; status: string; due: string; detail: string }) =>
            `${d.id} ${d.status} ${d.due} ${d.detail}`,
        ),
      ]),
    );
    // As of the last event's date, 2020-06-11.
    expect(json.asOf).toBe('2020-06-11');
    // Submitted Mon 2020-06-01: accepted the next day, within 10 working days (due 06-15).
    // Publicity from 06-03: 5 working days end 06-10, the day the filing completed.
    expect(deadlines['application-a1']).toEqual([
      'acceptance met 2020-06-15 AcceptApplication on 2020-06-02 (by 2020-06-15)',
      'filing-publicity met 2020-06-10 CompleteFiling on 2020-06-10 (not before 2020-06-10)',
    ]);
    expect(deadlines['application-a2']).toEqual([
      'acceptance open 2020-06-15 AcceptApplication not yet recorded (by 2020-06-15)',
    ]);
    // The exam on 06-22 needs its plan filed 5 working days before: by 06-15.
    expect(deadlines['exam-e1']).toEqual([
      'plan-lead-time open 2020-06-15 FileExamPlan not yet recorded (by 2020-06-15)',
    ]);
    expect(json.summary).toMatchObject({ deadlinesMet: 2, deadlinesMissed: 0, deadlinesOpen: 2 });
    // Without the pack, nothing is claimed.
    const bare = bufferIo({ cwd: dir });
    await runCli(['report', 'log.jsonl', '--format', 'json'], bare);
    expect(JSON.parse(bare.out()).summary).toMatchObject({ deadlinesMet: 0, deadlinesOpen: 0 });
  });

  it('shows the provisional flag and citation of a recorded DeadlineMissed, and its withdrawal once the year is published', async () => {
    // Submitted Friday 2027-09-24; acceptance within 10 working days: provisionally due 10-11, on the
    // test fixture's 2027 (made up, not the real arrangement) due 10-13.
    const rows = async (events: unknown[]) =>
      streams(JSON.parse((await report(['--format', 'json'], events)).out)).find((x) => x.deadlines?.length)?.deadlines;
    const missed = await rows(await withdrawnMissLog({ withdraw: false }));
    expect(missed).toEqual([
      expect.objectContaining({
        id: 'acceptance',
        status: 'missed',
        due: '2027-10-11',
        provisional: { years: [2027], basis: expect.stringContaining('全国年节及纪念日放假办法') },
        calendar: [expect.objectContaining({ year: 2027, source: 'provisional' })],
      }),
    ]);
    expect(missed[0].detail).toContain(
      'v2 DeadlineMissed; provisional: 2027 not published, computed from 全国年节及纪念日放假办法',
    );
    const events = await withdrawnMissLog();
    const withdrawn = await rows(events);
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'DeadlineMissed', 'DeadlineMissedWithdrawn']);
    expect(withdrawn).toEqual([
      expect.objectContaining({
        id: 'acceptance',
        status: 'open',
        due: '2027-10-13',
        withdrawn: expect.objectContaining({ version: 3, due: '2027-10-13', missedDue: '2027-10-11' }),
      }),
    ]);
    expect(withdrawn[0].detail).toBe(
      `v2 DeadlineMissed (due 2027-10-11, provisional) withdrawn by v3 on 2027-10-12: due 2027-10-13 — 2027 per ${year.published.cite.document} (${year.published.cite.date}), still open`,
    );
    const md = await report(['--format', 'md'], events);
    expect(md.out).toContain(
      '| acceptance | ○ open | 2027-10-13 | v2 DeadlineMissed (due 2027-10-11, provisional) withdrawn by v3',
    );
  });

  it('--as-of: a deadline due before the date and not met is missed, not open; a step after the date does not count', async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await recordedLog());
    const at = async (date: string) => {
      const io = bufferIo({ cwd: dir });
      expect(
        await runCli(['report', 'log.jsonl', '--format', 'json', '--as-of', date], io, { packs: [testRulePack] }),
      ).toBe(0);
      const json = JSON.parse(io.out());
      return {
        json,
        d: Object.fromEntries(
          streams(json).map((s) => [
            s.streamId,
            s.deadlines.map((x: { id: string; status: string }) => `${x.id} ${x.status}`),
          ]),
        ),
      };
    };
    const later = await at('2020-06-16');
    expect(later.json.asOf).toBe('2020-06-16');
    expect(later.d['application-a2']).toEqual(['acceptance missed']);
    expect(later.d['exam-e1']).toEqual(['plan-lead-time missed']);
    expect(later.json.summary).toMatchObject({ deadlinesMet: 2, deadlinesMissed: 2, deadlinesOpen: 0 });
    // On 06-01 the acceptance of 06-02 had not happened yet: open, not met.
    const early = await at('2020-06-01');
    expect(early.d['application-a1']).toContain('acceptance open');
    const bad = bufferIo({ cwd: dir });
    expect(await runCli(['report', 'log.jsonl', '--as-of', '2020-13-01'], bad)).toBe(2);
    expect(await runCli(['report', 'log.jsonl', '--as-of', '2021-02-29'], bad)).toBe(2);
    expect(bad.err()).toContain('--as-of must be a date YYYY-MM-DD, not 2020-13-01');
  });

  it('the footer holds the versions used and the SHA-256 of every byte before it, in every format', async () => {
    const cliVersion = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;
    for (const format of ['md', 'html', 'json'] as const) {
      const { out } = await report(['--format', format]);
      const at = out.lastIndexOf(FOOTER_MARKER[format]);
      expect(at, format).toBeGreaterThan(0);
      const digest = createHash('sha256')
        .update(Buffer.from(out.slice(0, at), 'utf8'))
        .digest('hex');
      expect(out.slice(at), format).toContain(digest);
      if (format !== 'json')
        expect(out.slice(at), format).toMatch(new RegExp(`certflow CLI (<code>)?${cliVersion.replace(/\./g, '\\.')}`));
      if (format !== 'json') expect(out.slice(at), format).toContain('shandong@1.0.0');
      // Changing a byte above the footer changes the digest the footer would need.
      const changed = createHash('sha256')
        .update(Buffer.from(out.slice(0, at).replace('jinan', 'jinaN'), 'utf8'))
        .digest('hex');
      expect(changed).not.toBe(digest);
    }
    const json = JSON.parse((await report(['--format', 'json'])).out);
    expect(json.footer.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.versions).toMatchObject({ cli: cliVersion, packs: ['shandong@1.0.0'] });
  });

  it('--lang zh-CN, or a Chinese LANG, writes the report in Chinese; --lang en wins over LANG', async () => {
    const zh = await report(['--format', 'html', '--lang', 'zh-CN']);
    expect(zh.out).toContain('<html lang="zh-CN">');
    expect(zh.out).toContain('<h2>概要</h2>');
    expect(zh.out).toContain('<h2>目录</h2>');
    expect(zh.out).toContain('申请已提交');
    expect(zh.out).toContain('身份证号已脱敏');
    const fromEnv = await report(['--format', 'md'], undefined, { LANG: 'zh_CN.UTF-8' });
    expect(fromEnv.out).toContain('## 概要');
    const messages = await report(['--format', 'md'], undefined, { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' });
    expect(messages.out).toContain('## 概要');
    const en = await report(['--format', 'html', '--lang', 'en'], undefined, { LC_ALL: 'zh_CN.UTF-8' });
    expect(en.out).toContain('<html lang="en">');
    expect(en.out).toContain('<h2>Summary</h2>');
    const bad = await report(['--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--lang must be zh-CN or en, not fr');
  });

  it('--stream reports one stream alone; a stream the log lacks is a usage error', async () => {
    const one = JSON.parse((await report(['--format', 'json', '--stream', 'exam-2020-001'])).out);
    expect(streams(one).map((s) => s.streamId)).toEqual(['exam-2020-001']);
    expect(one.summary).toMatchObject({ streams: 1, events: 2 });
    expect(one.heads.map((h: { streamId: string }) => h.streamId)).toEqual(['exam-2020-001']);
    const none = await report(['--stream', 'exam-nope']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--stream exam-nope: no such stream in log.jsonl');
  });

  it("every region's story: organizations with filings, exams and certificates nested; bookkeeping streams in the appendix", async () => {
    const { events } = await baseLog();
    const json = JSON.parse((await report(['--format', 'json'], events)).out);
    const s = json.summary;
    expect(s.regions.map((r: { name: string }) => r.name).sort()).toEqual(['上海', '全国', '四川', '山东', '福州']);
    expect(s.organizations).toBe(json.organizations.length);
    // Every certificate is under its exam, every exam under its filing.
    for (const o of json.organizations) {
      expect(o.exams, o.id).toEqual([]);
      expect(o.certificates, o.id).toEqual([]);
    }
    const certificates = json.organizations.flatMap((o: Json) =>
      o.filings.flatMap((f: Json) => f.exams.flatMap((x: Json) => x.certificates)),
    );
    expect(certificates).toHaveLength(s.certificates);
    expect(certificates.length).toBe(events.filter((e) => e.type === 'CertificateIssued').length);
    expect(certificates[0].idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    // Quota and serial streams are bookkeeping, not filings.
    expect(json.bookkeeping.length).toBe(
      new Set(events.filter((e) => e.streamId.startsWith('quota-')).map((e) => e.streamId)).size,
    );
    expect(json.bookkeeping.length).toBeGreaterThan(0);
    expect(s.filingsByState['filed.active']).toBe(events.filter((e) => e.type === 'FilingCompleted').length);
    expect(s.refusals.every((r: Json) => r.findings.every((f: Json) => f.cite?.text))).toBe(true);
    expect(s.brokenStreams).toBe(0);
  });

  it('--pages: index.html with the summary and contents, a page per organization, each page digested and listed', async () => {
    const r = await report(['--pages', 'pages', '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('as 3 pages in pages');
    const read = (f: string) => readFileSync(join(r.dir, 'pages', f), 'utf8');
    const index = read('index.html');
    expect(index).toContain('<html lang="zh-CN">');
    expect(index).toContain('<a href="org-1.html">山东 · 济南某职业培训学校（jinan-org-001）</a>');
    // The refusal in the summary links to the stream on its organization's page.
    expect(index).toContain('<a href="org-1.html#application-jinan-001">');
    const org = read('org-1.html');
    expect(org).toContain('<section class="organization" id="org-1">');
    expect(org).toContain(`「${CITE.text}」`);
    for (const [file, text] of [
      ['org-1.html', org],
      ['appendix-heads.html', read('appendix-heads.html')],
    ] as const) {
      const at = text.lastIndexOf(FOOTER_MARKER.html);
      const digest = createHash('sha256')
        .update(Buffer.from(text.slice(0, at), 'utf8'))
        .digest('hex');
      expect(text.slice(at)).toContain(digest);
      expect(index).toContain(`<a href="${file}">${file}</a></td><td><code class="hash">${digest}</code>`);
    }
    const at = index.lastIndexOf(FOOTER_MARKER.html);
    expect(index.slice(at)).toContain(
      createHash('sha256')
        .update(Buffer.from(index.slice(0, at), 'utf8'))
        .digest('hex'),
    );
    expect((await report(['--pages', 'p', '--out', 'x.html'])).code).toBe(2);
    expect((await report(['--pages', 'p', '--format', 'md'])).code).toBe(2);
  });

  it("words the packs' findings in the report's language from their own texts", async () => {
    const demo = join(import.meta.dirname, '..', '..', 'fixtures', 'demo-log-1.0.0.jsonl');
    const at = async (lang: string) => {
      const io = bufferIo({ cwd: tempDir() });
      expect(await runCli(['report', demo, '--format', 'md', '--lang', lang], io)).toBe(0);
      return io.out();
    };
    const zh = await at('zh-CN');
    expect(zh).toContain('`not-affiliated-unit`: 隶属于政府部门的单位');
    expect(zh).not.toContain('a unit affiliated with a government department');
    expect(await at('en')).toContain('`not-affiliated-unit`: a unit affiliated with a government department');
  });

  it('rejects an unknown format as a usage error', async () => {
    const r = await report(['--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format must be md, html or json, not pdf');
  });
});
