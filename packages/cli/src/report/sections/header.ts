import type { Section, ReportDocument } from './section.js';
import { cell, esc, nowrap } from './common.js';

export interface HeaderData {
  title: string;
  source: string;
  asOf: string;
  masked: boolean;
  generatedBy: string;
}

/** The title, the source, the date deadlines are judged at, and the masking note. */
export const header: Section<ReportDocument, HeaderData> = {
  id: 'header',
  build: (d) => ({
    title: d.title,
    source: d.source,
    asOf: d.asOf,
    masked: d.masked,
    generatedBy: `certflow ${d.versions.cli}`,
  }),
  markdown: (h, l) =>
    [
      `# ${h.title}`,
      '',
      `- ${l.ui.source}: \`${cell(h.source)}\``,
      `- ${l.ui.asOf}: ${h.asOf} — ${l.ui.asOfNote}`,
      `- ${l.ui.generatedBy}: ${h.generatedBy}`,
      '',
      l.ui.masked,
    ].join('\n'),
  html: (h, l) =>
    `<header id="top"><h1>${esc(h.title)}</h1><dl class="meta"><dt>${l.ui.source}</dt><dd><code>${esc(h.source)}</code></dd><dt>${l.ui.asOf}</dt><dd id="as-of">${nowrap(h.asOf)} <span class="muted">${l.ui.asOfNote}</span></dd><dt>${l.ui.generatedBy}</dt><dd>${esc(h.generatedBy)}</dd></dl><p class="muted">${l.ui.masked}</p></header>`,
};
