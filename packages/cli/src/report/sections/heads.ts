import type { StreamHeadRecord } from '../../heads.js';
import type { Section, ReportDocument } from './section.js';
import { cell, esc } from './common.js';
import type { Labels } from '../labels.js';

/** The heads table in HTML, a thousand rows a chunk (a long log's table is never one string). */
export function* headsHtmlChunks(h: Iterable<StreamHeadRecord>, l: Labels): Generator<string> {
  yield `<section class="appendix" id="appendix-heads"><h2>${l.ui.heads}</h2><p class="muted">${esc(l.ui.headsNote)}</p><table class="heads"><thead><tr><th>${l.ui.stream}</th><th>${l.ui.lastVersion}</th><th>${l.ui.hash}</th></tr></thead><tbody>`;
  let rows: string[] = [];
  for (const x of h) {
    rows.push(
      `<tr><td><code>${esc(x.streamId)}</code></td><td>${x.version}</td><td><code class="hash">${esc(x.hash)}</code></td></tr>`,
    );
    if (rows.length === 1000) {
      yield rows.join('');
      rows = [];
    }
  }
  if (rows.length > 0) yield rows.join('');
  yield '</tbody></table></section>';
}

/** Each stream's last version and hash, to keep and compare with `verify --heads`. */
export const heads: Section<ReportDocument, StreamHeadRecord[]> = {
  id: 'heads',
  build: (d) => d.heads,
  markdown: (h, l) =>
    [
      `## ${l.ui.heads}`,
      '<a id="appendix-heads"></a>',
      '',
      l.ui.headsNote,
      '',
      `| ${l.ui.stream} | ${l.ui.lastVersion} | ${l.ui.hash} |`,
      '|---|---|---|',
      ...h.map((x) => `| ${cell(x.streamId)} | ${x.version} | \`${x.hash}\` |`),
    ].join('\n'),
  html: (h, l) => [...headsHtmlChunks(h, l)].join(''),
};
