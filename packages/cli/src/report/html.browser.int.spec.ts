import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { buildFixtureLog, CITE, ID_1, mask, tempDir, writeJsonl } from '../testFixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is required under CI to check the HTML report (apt-get install -y chromium)`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! ${CHROMIUM} not found: the HTML report browser test is SKIPPED.\n!! Install Debian's chromium package to run it.\n${bar}\n`);
}

describe.skipIf(!available)('the HTML report in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the timeline, a citation and a masked ID number, and loads nothing from outside', async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await buildFixtureLog());
    const io = bufferIo({ cwd: dir });
    expect(await runCli(['report', 'log.jsonl', '--format', 'html', '--out', 'report.html'], io)).toBe(0);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(dir, 'report.html')).href;
    await page.goto(url);

    await expect(page.title()).resolves.toBe('certflow audit report');
    // The timeline of the application, in order, with its actors.
    const rows = await page.locator('#application-jinan-001 table.timeline tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/ApplicationSubmitted\s+jinan-org-001\s+applicant/);
    expect(rows[1]).toMatch(/ApplicationAccepted\s+jinan-center\s+city-center/);
    // A citation as a person reads it: the quoted clause and its document.
    const quote = page.locator('#application-jinan-001 .decision blockquote').first();
    await expect(quote.isVisible()).resolves.toBe(true);
    const quoteText = await quote.innerText();
    expect(quoteText).toContain(`「${CITE.text}」`);
    expect(quoteText).toContain(CITE.document);
    // The ID number is visible only masked.
    const body = await page.locator('body').innerText();
    expect(body).toContain(mask(ID_1));
    expect(body).not.toContain(ID_1);
    // The missed deadline is marked as such.
    await expect(page.locator('#exam-2020-001 table.deadlines td.bad').innerText()).resolves.toContain('missed');
    // Styles are applied from the inline sheet, and no other request was made.
    const border = await page.locator('blockquote').first().evaluate(
      // Runs in the page; the tsconfig has no DOM lib.
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderLeftStyle: string } }).getComputedStyle(el).borderLeftStyle,
    );
    expect(border).toBe('solid');
    expect(requests).toEqual([url]);
    await page.close();
  });
});
