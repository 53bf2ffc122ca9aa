import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { bookkeeping as bookkeepingStreams, organizations, summaryCounter, type ReportPlan } from './collect.js';
import { t, type Labels } from './labels.js';
import type { Report, ReportSummary } from './model.js';
import * as sections from './sections/index.js';
import type { ReportDocument } from './sections/index.js';
import { CSS } from './style.js';
import { esc } from './sections/common.js';
import { headsHtmlChunks } from './sections/heads.js';

/** The report formats. */
export type ReportFormat = 'md' | 'html' | 'json';

/** Where the report goes, chunk by chunk. */
export type ReportSink = (chunk: string) => void;

/**
 * Text held until it can be written: in memory up to a bound, then in a
 * temporary file, so a body of any size costs bounded memory.
 */
function spool(limit = 4 * 1024 * 1024) {
  let chunks: string[] = [];
  let size = 0;
  let file: { dir: string; fd: number } | undefined;
  const flush = () => {
    if (!file) {
      const dir = mkdtempSync(join(tmpdir(), 'certflow-report-'));
      file = { dir, fd: openSync(join(dir, 'body'), 'w+') };
    }
    writeSync(file.fd, chunks.join(''));
    chunks = [];
    size = 0;
  };
  return {
    write(s: string) {
      chunks.push(s);
      size += s.length;
      if (size >= limit) flush();
    },
    /** Replays everything written, in order, then frees it. */
    drain(out: ReportSink) {
      if (file) {
        flush();
        const buf = Buffer.alloc(1024 * 1024);
        const decoder = new StringDecoder('utf8');
        let at = 0;
        for (;;) {
          const n = readSync(file.fd, buf, 0, buf.length, at);
          if (n === 0) break;
          at += n;
          out(decoder.write(buf.subarray(0, n)));
        }
        out(decoder.end());
        closeSync(file.fd);
        rmSync(file.dir, { recursive: true, force: true });
        file = undefined;
      } else for (const c of chunks) out(c);
      chunks = [];
    },
    discard() {
      if (file) {
        closeSync(file.fd);
        rmSync(file.dir, { recursive: true, force: true });
      }
    },
  };
}

function documentOf(plan: ReportPlan, summary: Report['summary'], bookkeeping: number, pages = false): ReportDocument {
  const o = plan.options;
  return {
    title: o.title ?? t(o.locale ?? 'en').ui.title,
    locale: o.locale ?? 'en',
    source: o.source,
    asOf: plan.asOf,
    masked: o.masked === true,
    summary,
    organizations: plan.organizations.map((x) => ({
      id: x.id,
      ...(x.name ? { name: x.name } : {}),
      region: x.region,
      anchor: x.anchor,
    })),
    bookkeeping,
    heads: pages ? [] : [...plan.heads()],
    packs: plan.packs,
    versions: { ...(o.versions ?? { cli: '?', core: '?' }), packs: plan.packs.map((p) => `${p.id}@${p.version}`) },
    ...(pages ? { pages } : {}),
  };
}

const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);

/**
 * Writes the report of a collected log to `out`, one organization at a time:
 * the sections are written to a spool while the summary is counted, then the
 * header, summary and contents, the spooled sections, the appendices and the
 * footer go out in that order. Memory holds one organization's events and the
 * per-stream index, never the whole log or the whole text.
 *
 * The footer carries the SHA-256 of every byte written before it (see
 * `FOOTER_MARKER`). Returns the summary.
 */
export function writeReport(plan: ReportPlan, format: ReportFormat, out: ReportSink): Report['summary'] {
  const l: Labels = t(plan.options.locale ?? 'en');
  const counter = summaryCounter({ streams: plan.index.size, events: plan.events });
  const body = spool();
  const appendix = spool();
  let orgCount = 0;
  let bookCount = 0;
  try {
    for (const o of organizations(plan)) {
      counter.addOrganization(o);
      if (format === 'json')
        body.write(
          `${orgCount ? ',' : ''}\n    ${indent(JSON.stringify(sections.organization.build(o), null, 2), '    ')}`,
        );
      else
        body.write(
          `${format === 'html' ? sections.organization.html(o, l) : sections.organization.markdown(o, l)}\n\n`,
        );
      orgCount++;
    }
    for (const s of bookkeepingStreams(plan)) {
      counter.addBookkeeping(s);
      if (format === 'json')
        appendix.write(
          `${bookCount ? ',' : ''}\n    ${indent(JSON.stringify(sections.bookkeeping.build(s), null, 2), '    ')}`,
        );
      else {
        if (bookCount === 0)
          appendix.write(
            `${format === 'html' ? sections.bookkeepingHeading.html(l.ui.bookkeeping) : sections.bookkeepingHeading.markdown(l.ui.bookkeeping)}\n`,
          );
        appendix.write(
          `${format === 'html' ? sections.bookkeeping.html(s, l) : sections.bookkeeping.markdown(s, l)}\n\n`,
        );
      }
      bookCount++;
    }
    if (bookCount > 0 && format === 'html') appendix.write('</section>\n');
  } catch (err) {
    body.discard();
    appendix.discard();
    throw err;
  }
  const summary = counter.result();
  const doc = documentOf(plan, summary, bookCount);
  const hash = createHash('sha256');
  const emit: ReportSink = (s) => {
    if (s.length === 0) return;
    hash.update(s, 'utf8');
    out(s);
  };
  if (format === 'json') {
    const key = (k: string, v: unknown) =>
      emit(`  ${JSON.stringify(k)}: ${indent(JSON.stringify(v, null, 2), '  ')},\n`);
    emit('{\n');
    key('title', doc.title);
    key('locale', doc.locale);
    key('source', doc.source);
    key('asOf', doc.asOf);
    key('summary', sections.summary.build(doc));
    key('contents', sections.contents.build(doc));
    emit('  "organizations": [');
    body.drain(emit);
    emit(`${orgCount ? '\n  ' : ''}],\n  "bookkeeping": [`);
    appendix.drain(emit);
    emit(`${bookCount ? '\n  ' : ''}],\n`);
    key('heads', sections.heads.build(doc));
    key('packs', sections.packs.build(doc));
    key('versions', doc.versions);
    const sha256 = hash.digest('hex');
    out(
      `${indent(`  "footer": ${JSON.stringify({ sha256, hashed: 'the bytes of this file before the line `  "footer": {`' }, null, 2)}`, '  ')}\n}\n`,
    );
    return summary;
  }
  if (format === 'html') {
    emit(htmlHead(doc.locale, doc.title));
    emit(`${sections.header.html(sections.header.build(doc), l)}\n`);
    emit(`${sections.summary.html(sections.summary.build(doc), l)}\n`);
    emit(`${sections.contents.html(sections.contents.build(doc), l)}\n<main>\n`);
    body.drain(emit);
    emit('</main>\n');
    appendix.drain(emit);
    emit(`${sections.heads.html(sections.heads.build(doc), l)}\n`);
    emit(`${sections.packs.html(sections.packs.build(doc), l)}\n`);
    out(`${sections.footer.html({ versions: doc.versions, sha256: hash.digest('hex') }, l)}\n</body></html>\n`);
    return summary;
  }
  emit(`${sections.header.markdown(sections.header.build(doc), l)}\n\n`);
  emit(`${sections.summary.markdown(sections.summary.build(doc), l)}\n\n`);
  emit(`${sections.contents.markdown(sections.contents.build(doc), l)}\n\n`);
  body.drain(emit);
  appendix.drain(emit);
  emit(`${sections.heads.markdown(sections.heads.build(doc), l)}\n\n`);
  emit(`${sections.packs.markdown(sections.packs.build(doc), l)}\n\n`);
  out(sections.footer.markdown({ versions: doc.versions, sha256: hash.digest('hex') }, l));
  return summary;
}

const htmlHead = (locale: string, title: string) => `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title.replace(/[<&]/g, '')}</title><style>${CSS}</style></head>
<body>
`;

/** A page of a report written as pages holds organizations until it has this many characters of sections (about a megabyte). */
export const PAGE_CHARS = 1_000_000;
/** Characters a page holds before they are written to its file. */
const WRITE_CHARS = 1 << 20;

/** A page of a report written as pages, and its SHA-256 (of its bytes before the footer). */
export interface ReportPage {
  file: string;
  sha256: string;
}

/**
 * Writes the HTML report as pages in `dir`, for a log too long for one file a
 * browser opens in seconds: `index.html` (header, summary, contents, rule
 * packs, and the list of pages with each page's SHA-256), the organizations
 * in report order on pages of about `pageChars` characters (`org-<n>.html`,
 * named after the first organization on it; an organization larger than that
 * has a page of its own), the bookkeeping streams and the stream heads on
 * pages of their own. Each page is written once it is full and carries its own
 * footer digest; memory holds one organization's events and one page's text
 * at a time.
 */
/** An organization's section as written: its anchor, the heading of a page it begins, and its HTML. */
export interface OrganizationPart {
  anchor: string;
  heading: string;
  /** The section's HTML, as text or as its UTF-8 bytes (a worker's, handed over without a copy). */
  html: string | Uint8Array;
  /** Its length in UTF-16 code units (what a page's size is counted in): given with bytes. */
  chars?: number;
}

/** A part's length as a page counts it (UTF-16 code units, as `string.length`). */
const charsOf = (part: OrganizationPart) => (typeof part.html === 'string' ? part.html.length : part.chars!);

/** Sections in report order (organizations', or bookkeeping streams'), and what they count towards the summary. */
export interface SectionsChunk {
  parts: OrganizationPart[];
  summary: ReportSummary;
}

/**
 * Builds the sections of a report written as pages and hands them to
 * `onChunk` in report order: every organization's (in the plan's order),
 * then every bookkeeping stream's (sorted by id; only their `html` is read).
 * One thread builds them from the plan (`oneThreadSections`);
 * `reportSectionsInWorkers` builds them in worker threads from the spill's file.
 */
export type SectionsWriter = (
  onChunk: (what: 'organizations' | 'bookkeeping', chunk: SectionsChunk) => void,
) => void | Promise<void>;

/** The heading of a page that begins with organization `o`. */
export const organizationHeading = (o: { id: string; name?: string }, l: Labels): string =>
  o.id ? (o.name ?? o.id) : l.ui.noOrganization;

/** The sections built on this thread, from the plan's spill, one organization (or bookkeeping stream) at a time. */
export function oneThreadSections(plan: ReportPlan): SectionsWriter {
  const l: Labels = t(plan.options.locale ?? 'en');
  return (onChunk) => {
    for (const o of organizations(plan)) {
      const counter = summaryCounter({ streams: 0, events: 0 });
      counter.addOrganization(o);
      onChunk('organizations', {
        parts: [{ anchor: o.anchor, heading: organizationHeading(o, l), html: sections.organization.html(o, l) }],
        summary: counter.result(),
      });
    }
    for (const st of bookkeepingStreams(plan)) {
      const counter = summaryCounter({ streams: 0, events: 0 });
      counter.addBookkeeping(st);
      onChunk('bookkeeping', {
        parts: [{ anchor: '', heading: '', html: `${sections.bookkeeping.html(st, l)}\n` }],
        summary: counter.result(),
      });
    }
  };
}

export async function writeHtmlPages(
  plan: ReportPlan,
  dir: string,
  pageChars = PAGE_CHARS,
  writeSections: SectionsWriter = oneThreadSections(plan),
): Promise<{ summary: Report['summary']; pages: ReportPage[] }> {
  mkdirSync(dir, { recursive: true });
  const l: Labels = t(plan.options.locale ?? 'en');
  const locale = plan.options.locale ?? 'en';
  const title = plan.options.title ?? l.ui.title;
  const versions = {
    ...(plan.options.versions ?? { cli: '?', core: '?' }),
    packs: plan.packs.map((p) => `${p.id}@${p.version}`),
  };
  const pages: ReportPage[] = [];
  /** Opens a page: `emit` writes to it (a megabyte at a time), `end` writes its footer and closes it. */
  const openPage = (file: string, heading: string) => {
    const fd = openSync(join(dir, file), 'w');
    const hash = createHash('sha256');
    // Written a megabyte at a time: a page of many small parts is not many small writes.
    let held: (string | Uint8Array)[] = [];
    let size = 0;
    const flush = () => {
      if (size === 0) return;
      if (held.every((h) => typeof h === 'string')) writeSync(fd, held.join(''));
      else writeSync(fd, Buffer.concat(held.map((h) => (typeof h === 'string' ? Buffer.from(h, 'utf8') : h))));
      held = [];
      size = 0;
    };
    const emit = (s: string | Uint8Array) => {
      if (s.length === 0) return;
      if (typeof s === 'string') hash.update(s, 'utf8');
      else hash.update(s);
      held.push(s);
      size += s.length;
      if (size >= WRITE_CHARS) flush();
    };
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    };
    try {
      emit(htmlHead(locale, `${heading} · ${title}`));
      emit(`<p class="muted"><a href="index.html">${esc(title)}</a> › ${esc(heading)}</p>\n`);
    } catch (e) {
      close();
      throw e;
    }
    return {
      emit: (s: string | Uint8Array) => {
        try {
          emit(s);
        } catch (e) {
          close();
          throw e;
        }
      },
      end: () => {
        try {
          const sha256 = hash.digest('hex');
          flush();
          writeSync(fd, `${sections.footer.html({ versions, sha256 }, l)}\n</body></html>\n`);
          pages.push({ file, sha256 });
        } finally {
          close();
        }
      },
      close,
    };
  };
  const page = (file: string, heading: string, write: (emit: (s: string | Uint8Array) => void) => void) => {
    const p = openPage(file, heading);
    try {
      write(p.emit);
    } catch (e) {
      p.close();
      throw e;
    }
    p.end();
  };
  const counter = summaryCounter({ streams: plan.index.size, events: plan.events });
  // Organizations go onto a page in report order until it holds `pageChars` of sections: a page
  // is named after its first organization's anchor, and a page of one organization is as before.
  const pageOf = new Map<string, string>();
  let onPage: OrganizationPart[] = [];
  let pageSize = 0;
  const endPage = () => {
    if (onPage.length === 0) return;
    const first = onPage[0]!;
    const heading = onPage.length === 1 ? first.heading : `${first.heading} … ${onPage.at(-1)!.heading}`;
    const parts = onPage;
    onPage = [];
    pageSize = 0;
    page(`${first.anchor}.html`, heading, (emit) => {
      for (const part of parts) emit(part.html);
    });
  };
  let bookCount = 0;
  let books: ReturnType<typeof openPage> | undefined;
  try {
    await writeSections((what, chunk) => {
      counter.merge(chunk.summary);
      if (what === 'organizations') {
        for (const part of chunk.parts) {
          if (onPage.length > 0 && pageSize + charsOf(part) > pageChars) endPage();
          pageOf.set(part.anchor, onPage[0]?.anchor ?? part.anchor);
          onPage.push(part);
          pageSize += charsOf(part);
        }
        return;
      }
      for (const part of chunk.parts) {
        if (!books) {
          endPage();
          books = openPage('appendix-bookkeeping.html', l.ui.bookkeeping);
          books.emit(`${sections.bookkeepingHeading.html(l.ui.bookkeeping)}\n`);
        }
        books.emit(part.html);
        bookCount++;
      }
    });
    endPage();
    if (books) {
      books.emit('</section>\n');
      books.end();
    }
  } finally {
    books?.close();
  }
  page('appendix-heads.html', l.ui.heads, (emit) => {
    for (const chunk of headsHtmlChunks(plan.heads(), l)) emit(chunk);
  });
  const counted = counter.result();
  // A stream in the summary links to the page its organization is on.
  const pageFor = (anchor: string) => pageOf.get(anchor) ?? anchor;
  const summary = {
    ...counted,
    refusals: counted.refusals.map((r) => ({ ...r, anchor: pageFor(r.anchor) })),
    broken: counted.broken.map((b) => ({ ...b, anchor: pageFor(b.anchor) })),
    linkPages: true,
  };
  const doc = documentOf(plan, summary, bookCount, true);
  doc.organizations = doc.organizations.map((o) => ({ ...o, page: pageFor(o.anchor) }));
  const fd = openSync(join(dir, 'index.html'), 'w');
  try {
    const hash = createHash('sha256');
    const emit: ReportSink = (s) => {
      hash.update(s, 'utf8');
      writeSync(fd, s);
    };
    emit(htmlHead(locale, title));
    emit(`${sections.header.html(sections.header.build(doc), l)}\n`);
    emit(`${sections.summary.html(sections.summary.build(doc), l)}\n`);
    emit(`${sections.contents.html(sections.contents.build(doc), l)}\n`);
    emit(`${sections.packs.html(sections.packs.build(doc), l)}\n`);
    emit(
      `<section class="appendix" id="pages"><h2>${l.ui.pages}</h2><table class="pages"><thead><tr><th>${l.ui.page}</th><th>SHA-256</th></tr></thead><tbody>`,
    );
    for (let i = 0; i < pages.length; i += 1000) {
      emit(
        pages
          .slice(i, i + 1000)
          .map(
            (p) =>
              `<tr><td><a href="${esc(p.file)}">${esc(p.file)}</a></td><td><code class="hash">${p.sha256}</code></td></tr>`,
          )
          .join(''),
      );
    }
    emit('</tbody></table></section>\n');
    writeSync(
      fd,
      `${sections.footer.html({ versions: doc.versions, sha256: hash.digest('hex') }, l)}\n</body></html>\n`,
    );
  } finally {
    closeSync(fd);
  }
  return { summary, pages };
}

/** The whole report as one object, for a host that wants the data (small logs: it is all in memory). */
export function reportOf(plan: ReportPlan): Report {
  const counter = summaryCounter({ streams: plan.index.size, events: plan.events });
  const orgs = [...organizations(plan)];
  for (const o of orgs) counter.addOrganization(o);
  const books = [...bookkeepingStreams(plan)];
  for (const s of books) counter.addBookkeeping(s);
  const doc = documentOf(plan, counter.result(), books.length);
  return {
    title: doc.title,
    locale: doc.locale,
    source: doc.source,
    asOf: doc.asOf,
    summary: doc.summary,
    organizations: orgs,
    bookkeeping: books,
    heads: doc.heads,
    packs: doc.packs,
    versions: doc.versions,
  };
}
