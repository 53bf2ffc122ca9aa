import type { Section, ReportDocument } from './section.js';
import { esc, orgTitle } from './common.js';
import type { Labels } from '../labels.js';

export interface ContentsEntry {
  anchor: string;
  /** Where the entry links: `#anchor`, or in a report of pages `anchor.html`. */
  href: string;
  /** The organization's id, or the appendix's id. */
  id: string;
  name?: string;
  region?: string;
}

/** The table of contents: one entry per organization (by region), then the appendices. */
export const contents: Section<ReportDocument, ContentsEntry[]> = {
  id: 'contents',
  build: (d) => {
    const href = (anchor: string) => (d.pages ? `${anchor}.html` : `#${anchor}`);
    return [
      ...d.organizations.map((o) => ({
        anchor: o.anchor,
        href: d.pages && o.page && o.page !== o.anchor ? `${o.page}.html#${o.anchor}` : href(o.anchor),
        id: o.id,
        ...(o.name ? { name: o.name } : {}),
        region: o.region,
      })),
      ...(d.bookkeeping
        ? [{ anchor: 'appendix-bookkeeping', href: href('appendix-bookkeeping'), id: 'bookkeeping' }]
        : []),
      { anchor: 'appendix-heads', href: href('appendix-heads'), id: 'heads' },
      { anchor: 'appendix-packs', href: '#appendix-packs', id: 'packs' },
    ];
  },
  markdown: (entries, l) =>
    [`## ${l.ui.contents}`, '', ...entries.map((e, i) => `${i + 1}. [${title(e, l)}](#${e.anchor})`)].join('\n'),
  html: (entries, l) =>
    `<nav id="contents"><h2>${l.ui.contents}</h2><ol>${entries.map((e) => `<li><a href="${esc(e.href)}">${esc(title(e, l))}</a></li>`).join('')}</ol></nav>`,
};

function title(e: ContentsEntry, l: Labels): string {
  if (e.region === undefined)
    return e.id === 'bookkeeping' ? l.ui.bookkeeping : e.id === 'heads' ? l.ui.heads : l.ui.packsUsed;
  return `${e.region ? `${e.region} · ` : ''}${orgTitle({ id: e.id, ...(e.name ? { name: e.name } : {}) }, l)}`;
}
