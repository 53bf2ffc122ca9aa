import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@certflow/core';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { buildFixtureLog, CITE, ID_1, mask, tempDir, writeJsonl } from '../testFixtures.js';
import { baseLog } from '../../../../bench/scale/generate.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI === 'true')
    throw new Error(
      `${CHROMIUM} is required under CI to check the HTML report (apt-get install -y chromium fonts-noto-cjk)`,
    );
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! ${CHROMIUM} not found: the HTML report browser tests are SKIPPED.\n!! Install Debian's chromium and fonts-noto-cjk packages to run them.\n${bar}\n`,
  );
}

// Page-side code is given as expressions (the tsconfig has no DOM lib).
const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

async function writeReport(events: unknown[], args: string[]): Promise<string> {
  const dir = tempDir();
  writeJsonl(join(dir, 'log.jsonl'), events);
  const io = bufferIo({ cwd: dir });
  expect(await runCli(['report', 'log.jsonl', '--format', 'html', '--out', 'report.html', ...args], io)).toBe(0);
  return pathToFileURL(join(dir, 'report.html')).href;
}

describe.skipIf(!available)('the HTML report in a browser', () => {
  let browser: Browser;
  let demo: StoredEvent[];
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
    demo = (await baseLog()).events;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (url: string): Promise<{ page: Page; requests: string[] }> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await inPage(page, 'document.fonts.ready.then(() => true)');
    return { page, requests };
  };

  it('shows the timeline, a citation and a masked ID number, and loads nothing from outside', async () => {
    const url = await writeReport(await buildFixtureLog(), ['--lang', 'en']);
    const { page, requests } = await open(url);
    await expect(page.title()).resolves.toBe('certflow audit report');
    // The timeline of the application, in order, with its actors and their roles in words.
    const rows = await page.locator('#application-jinan-001 table.timeline tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/application submitted\s+ApplicationSubmitted\s+jinan-org-001\s+applicant/);
    expect(rows[1]).toMatch(/application accepted\s+ApplicationAccepted\s+jinan-center\s+city centre/);
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
    const border = await page
      .locator('blockquote')
      .first()
      .evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { borderLeftStyle: string } }).getComputedStyle(el)
            .borderLeftStyle,
      );
    expect(border).toBe('solid');
    expect(requests).toEqual([url]);
    await page.close();
  });

  for (const [lang, words] of [
    [
      'zh-CN',
      {
        summary: '概要',
        contents: '目录',
        certificates: '证书',
        organizations: '机构',
        filed: '备案有效',
        submitted: '申请已提交',
      },
    ],
    [
      'en',
      {
        summary: 'Summary',
        contents: 'Contents',
        certificates: 'Certificates',
        organizations: 'Organizations',
        filed: 'filing in force',
        submitted: 'application submitted',
      },
    ],
  ] as const) {
    it(`${lang}: the summary's numbers, headings in the language, and contents links that lead to their sections`, async () => {
      const url = await writeReport(demo, ['--lang', lang]);
      const { page, requests } = await open(url);
      expect(await inPage(page, 'document.documentElement.lang')).toBe(lang);
      await expect(page.locator('#summary h2').innerText()).resolves.toBe(words.summary);
      await expect(page.locator('#contents h2').innerText()).resolves.toBe(words.contents);
      // What a person reads in the summary cards, against the log itself.
      const card = async (id: string) => (await page.locator(`#sum-${id}`).innerText()).split('\n');
      const certificates = demo.filter((e) => e.type === 'CertificateIssued').length;
      expect(await card('certificates')).toEqual([String(certificates), words.certificates]);
      const orgs = new Set(
        demo
          .filter((e) => e.type === 'ApplicationSubmitted')
          .map((e) => (e.data as { applicantId: string }).applicantId),
      );
      expect(await card('organizations')).toEqual([String(orgs.size), words.organizations]);
      expect(await card('regions')).toEqual(['5', expect.any(String)]);
      expect(await card('broken')).toEqual(['0', expect.any(String)]);
      expect(await page.locator('table.states').innerText()).toContain(
        `${words.filed}\t${demo.filter((e) => e.type === 'FilingCompleted').length}`,
      );
      await expect(page.locator('section.organization').first().innerText()).resolves.toContain(words.submitted);
      // Every contents entry names a section that exists; following one brings it to the top of the window.
      const links = await inPage<string[]>(
        page,
        `[...document.querySelectorAll('#contents a')].map((a) => a.getAttribute('href'))`,
      );
      expect(links.length).toBe(orgs.size + 3);
      for (const href of links)
        expect(await inPage(page, `document.getElementById(${JSON.stringify(href.slice(1))}) !== null`), href).toBe(
          true,
        );
      const last = page.locator('#contents a').nth(orgs.size - 1);
      await last.click();
      const target = links[orgs.size - 1]!.slice(1);
      expect(page.url().endsWith(`#${target}`)).toBe(true);
      const top = await inPage<number>(
        page,
        `document.getElementById(${JSON.stringify(target)}).getBoundingClientRect().top`,
      );
      expect(Math.abs(top)).toBeLessThan(2);
      expect(requests).toEqual([url]);
      await page.close();
    });
  }

  it('zh-CN: Chinese glyphs render from Noto Sans CJK (not tofu), in a screenshot of the report', async () => {
    const url = await writeReport(demo, ['--lang', 'zh-CN']);
    const { page } = await open(url);
    expect(await inPage(page, `document.fonts.check('16px "Noto Sans CJK SC"', '鉴定中心')`)).toBe(true);
    // A probe line in the report's font: two different Chinese strings give different pixels, and
    // neither looks like the same count of characters no font has (each drawn as the same empty box).
    const probe = async (text: string) => {
      await inPage(
        page,
        `(() => {
          if (!document.getElementById('glyph-probe')) document.body.insertAdjacentHTML('afterbegin', '<p id="glyph-probe" style="font:32px \\'Noto Sans CJK SC\\';display:inline-block;padding:4px;background:#fff"></p>');
          document.getElementById('glyph-probe').textContent = ${JSON.stringify(text)};
          return true;
        })()`,
      );
      return page.locator('#glyph-probe').screenshot();
    };
    const a = await probe('职业技能鉴定');
    const b = await probe('等级认定证书');
    const tofu = await probe('\u0378\u0379\u0380\u0381\u0382\u0383');
    const tofu2 = await probe('\u0383\u0382\u0381\u0380\u0379\u0378');
    expect(tofu.equals(tofu2)).toBe(true); // what tofu looks like: the same box whatever the character
    expect(a.equals(b)).toBe(false);
    expect(a.equals(tofu)).toBe(false);
    await inPage(page, `document.getElementById('glyph-probe').remove()`);
    // The screenshot of the top of the Chinese report, written outside the repository.
    const shot = await page.screenshot({ fullPage: false });
    const file =
      process.env.CERTFLOW_REPORT_SCREENSHOT ??
      join(mkdtempSync(join(tmpdir(), 'certflow-report-shot-')), 'report-zh-CN.png');
    writeFileSync(file, shot);
    expect(shot.length).toBeGreaterThan(10_000);
    await page.close();
  });
});
