import type { PackUsed } from '../../heads.js';
import type { Section, ReportDocument } from './section.js';
import { cell, esc } from './common.js';

/** The rule packs the events name, with the content hashes their decisions recorded. */
export const packs: Section<ReportDocument, PackUsed[]> = {
  id: 'packs',
  build: (d) => d.packs,
  markdown: (p, l) =>
    [
      `## ${l.ui.packsUsed}`,
      '<a id="appendix-packs"></a>',
      '',
      `| ${l.ui.rulePack} | ${l.ui.version} | ${l.ui.packHashes} |`,
      '|---|---|---|',
      ...p.map((x) => `| ${cell(x.id)} | ${cell(x.version)} | ${x.hashes.map((h) => `\`${cell(h)}\``).join(', ')} |`),
    ].join('\n'),
  html: (p, l) =>
    `<section class="appendix" id="appendix-packs"><h2>${l.ui.packsUsed}</h2><table class="packs"><thead><tr><th>${l.ui.rulePack}</th><th>${l.ui.version}</th><th>${l.ui.packHashes}</th></tr></thead><tbody>${p
      .map(
        (x) =>
          `<tr><td><code>${esc(x.id)}</code></td><td>${esc(x.version)}</td><td>${x.hashes.map((h) => `<code class="hash">${esc(h)}</code>`).join(', ')}</td></tr>`,
      )
      .join('')}</tbody></table></section>`,
};
