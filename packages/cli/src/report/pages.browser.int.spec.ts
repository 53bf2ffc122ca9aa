import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { tempDir } from '../testFixtures.js';
import { writeScaleLog } from '../../../../bench/scale/generate.js';

// `report --pages` of a generated log (every region's story copied under fresh
// identities): the summary page opens in headless Chromium, and what it shows
// is what the JSON report of the same log counts.
const CHROMIUM = '/usr/bin/chromium';
const EVENTS = 4_000;
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true')
  throw new Error(`${CHROMIUM} is required under CI to open the report's pages (apt-get install -y chromium)`);

describe.skipIf(!available)(
  `report --pages of a generated ${EVENTS.toLocaleString('en')}-event log in a browser`,
  () => {
    let browser: Browser;
    let dir: string;
    let summary: {
      regions: { name: string; organizations: number; filings: number; exams: number; certificates: number }[];
      organizations: number;
      filingsByState: Record<string, number>;
      exams: number;
      certificates: number;
      refusals: unknown[];
      brokenStreams: number;
      deadlinesMet: number;
      deadlinesMissed: number;
      deadlinesOpen: number;
      streams: number;
      events: number;
    };
    beforeAll(async () => {
      dir = tempDir();
      expect((await writeScaleLog(join(dir, 'log.jsonl'), EVENTS)).events).toBe(EVENTS);
      const json = bufferIo({ cwd: dir });
      expect(await runCli(['report', 'log.jsonl', '--format', 'json', '--lang', 'en', '--out', 'r.json'], json)).toBe(
        0,
      );
      summary = (JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { summary: typeof summary }).summary;
      const pages = bufferIo({ cwd: dir });
      expect(await runCli(['report', 'log.jsonl', '--pages', 'pages', '--lang', 'en'], pages)).toBe(0);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('the summary page shows the JSON report’s counts', async () => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(dir, 'pages', 'index.html')).href);
      const card = async (id: string) => Number((await page.locator(`#sum-${id} .n`).innerText()).trim());
      expect(summary.certificates).toBeGreaterThan(100);
      expect(await card('regions')).toBe(summary.regions.length);
      expect(await card('organizations')).toBe(summary.organizations);
      expect(await card('filings')).toBe(Object.values(summary.filingsByState).reduce((a, b) => a + b, 0));
      expect(await card('exams')).toBe(summary.exams);
      expect(await card('certificates')).toBe(summary.certificates);
      expect(await card('refusals')).toBe(summary.refusals.length);
      expect(await card('broken')).toBe(summary.brokenStreams);
      const deadlines = await page.locator('#sum-deadlines b').allInnerTexts();
      expect(deadlines.map(Number)).toEqual([summary.deadlinesMet, summary.deadlinesMissed, summary.deadlinesOpen]);
      expect(await page.locator('#sum-deadlines').innerText()).toContain(
        `${summary.streams} streams · ${summary.events} events`,
      );
      const regions = await page
        .locator('table.regions tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...(r as unknown as { cells: { textContent: string }[] }).cells].map((c) => c.textContent)),
        );
      expect(regions).toEqual(
        summary.regions.map((r) => [r.name, r.organizations, r.filings, r.exams, r.certificates].map(String)),
      );
      await page.close();
    }, 120_000);

    it('organizations share pages of about a megabyte, and every contents link opens its section', async () => {
      const files = readdirSync(join(dir, 'pages')).filter((f) => /^org-\d+\.html$/.test(f));
      const sections = files.flatMap(
        (f) => readFileSync(join(dir, 'pages', f), 'utf8').match(/<section class="organization" id="org-\d+">/g) ?? [],
      );
      expect(sections.length).toBeGreaterThan(files.length);
      const page = await browser.newPage();
      const index = pathToFileURL(join(dir, 'pages', 'index.html')).href;
      await page.goto(index);
      const links = await page
        .locator('#contents a')
        .evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')));
      const orgLinks = links.filter((h) => h.startsWith('org-'));
      // One entry per organization section, each on exactly one page.
      expect(orgLinks).toHaveLength(sections.length);
      for (const href of [orgLinks[0]!, orgLinks[Math.floor(orgLinks.length / 2)]!, orgLinks.at(-1)!]) {
        await page.goto(index);
        await page.locator(`#contents a[href="${href}"]`).click();
        await page.waitForURL((url) => url.href.endsWith(`/pages/${href}`), { waitUntil: 'load' });
        const anchor = href.includes('#') ? href.slice(href.indexOf('#') + 1) : href.replace(/\.html$/, '');
        expect(await page.locator(`section.organization#${anchor}`).count(), href).toBe(1);
      }
      await page.close();
    }, 120_000);
  },
);
